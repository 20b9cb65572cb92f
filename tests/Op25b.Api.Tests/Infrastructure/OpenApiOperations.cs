using System.Text.Json.Nodes;

namespace Op25b.Api.Tests.Infrastructure;

/// <summary>One body field of a write operation, as the OpenAPI document describes it.</summary>
public sealed record OpenApiField(string Name, string? Type, bool Required);

/// <summary>A write operation that takes a JSON body, read from the host's own OpenAPI document.</summary>
public sealed record OpenApiOperation(string Method, string PathTemplate, IReadOnlyList<OpenApiField> Fields)
{
    public IEnumerable<string> RequiredFields => Fields.Where(f => f.Required).Select(f => f.Name);

    /// <summary>The path with every parameter filled: numbers with an id that does not exist, names with a harmless word.</summary>
    public string SamplePath(JsonObject? parameters) => "/" + string.Join('/', PathTemplate.TrimStart('/').Split('/').Select(segment =>
    {
        if (!segment.StartsWith('{'))
            return segment;
        var name = segment.Trim('{', '}');
        var type = parameters?[name]?.GetValue<string>();
        return type is "integer" ? "987654321" : "hostile-sample";
    }));

    public override string ToString() => $"{Method} {PathTemplate}";

    /// <summary>Every POST/PUT/PATCH/DELETE that accepts application/json, with its body fields and path parameter types.</summary>
    public static IReadOnlyList<(OpenApiOperation Operation, JsonObject Parameters)> WritesIn(JsonNode document)
    {
        var schemas = document["components"]!["schemas"]!.AsObject();
        JsonObject Resolve(JsonNode schema) =>
            schema["$ref"] is { } reference ? schemas[reference.GetValue<string>().Split('/')[^1]]!.AsObject() : schema.AsObject();

        var operations = new List<(OpenApiOperation, JsonObject)>();
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is not ("post" or "put" or "patch" or "delete")
                    || operation!["requestBody"]?["content"]?["application/json"]?["schema"] is not { } schemaRef)
                    continue;
                var schema = Resolve(schemaRef);
                var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
                var fields = (schema["properties"]?.AsObject() ?? [])
                    .Select(p => new OpenApiField(p.Key, TypeOf(p.Value!, Resolve), required.Contains(p.Key))).ToList();
                var parameters = new JsonObject();
                foreach (var p in operation["parameters"]?.AsArray() ?? [])
                    if (p!["in"]!.GetValue<string>() == "path")
                        parameters[p["name"]!.GetValue<string>()] = p["schema"]?["type"]?.GetValue<string>() ?? "string";
                operations.Add((new OpenApiOperation(method.ToUpperInvariant(), path, fields), parameters));
            }
        return operations;
    }

    private static string? TypeOf(JsonNode property, Func<JsonNode, JsonObject> resolve) =>
        property["type"]?.GetValue<string>()
        ?? (property["$ref"] is not null ? resolve(property)["type"]?.GetValue<string>() : null)
        ?? property["oneOf"]?.AsArray().Select(o => TypeOf(o!, resolve)).FirstOrDefault(t => t is not null);
}
