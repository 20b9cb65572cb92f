// Validates compose.yaml (repository root) against the Compose Specification JSON schema and
// checks the few deployment properties the host relies on.
//
// Deployment/compose-spec.json is a verbatim copy of the Compose Specification schema:
//   repository: https://github.com/compose-spec/compose-spec
//   path:       schema/compose-spec.json
//   commit:     00655e2222608fa6eaecdf12ac5195889ca2244a
//   size:       74,133 bytes, SHA-256 bc50c2d79102aed8df21b3a13e56c9396c7a06da6cff5ce37629f2ee7eb41735
// To refresh it, replace the file with a newer schema/compose-spec.json from that repository
// and update the commit above.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Op25b.Api.Tests.Deployment;

public sealed partial class ComposeFileTests
{
    private const string SchemaFileName = "compose-spec.json";
    private const string DockerfilePath = "src/Op25b.Api/Dockerfile";

    [Fact]
    public void Compose_file_is_valid_against_the_compose_specification()
    {
        var results = ComposeSchema.Validate(ComposeYaml.ToJson(File.ReadAllText(RepositoryFile("compose.yaml"))));

        Assert.True(results.IsValid, "compose.yaml does not conform to the Compose Specification:\n" + Describe(results));
    }

    [Fact]
    public void A_broken_compose_document_fails_validation()
    {
        // Proves the validator is not a no-op: 'ports' must be an array and 'bogus_key' is not a service attribute.
        const string broken = """
            services:
              app:
                ports: 5
                bogus_key: 1
            """;

        var results = ComposeSchema.Validate(ComposeYaml.ToJson(broken));

        Assert.False(results.IsValid);
        var errors = Describe(results);
        Assert.Contains("/services/app/ports ", errors, StringComparison.Ordinal);
        Assert.Contains("/services/app/bogus_key ", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("services: { app: { image: nginx, unknown_attribute: true } }")]
    [InlineData("services: { app: { image: nginx, depends_on: { db: { condition: when_ready } } } }")]
    [InlineData("services: { app: { image: nginx, restart: [always] } }")]
    [InlineData("version_typo: '3'")]
    public void Other_invalid_documents_fail_validation(string yaml)
    {
        Assert.False(ComposeSchema.Validate(ComposeYaml.ToJson(yaml)).IsValid);
    }

    [Fact]
    public void Yaml_scalars_keep_their_types_only_when_unquoted()
    {
        var json = ComposeYaml.ToJson("""
            a: 1
            b: "1"
            c: true
            d: 'true'
            e: 1.5
            f:
            g: ~
            h: 8080:8080
            """);

        Assert.NotNull(json);
        Assert.Equal(JsonValueKind.Number, json["a"]!.GetValueKind());
        Assert.Equal(JsonValueKind.String, json["b"]!.GetValueKind());
        Assert.Equal(JsonValueKind.True, json["c"]!.GetValueKind());
        Assert.Equal(JsonValueKind.String, json["d"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, json["e"]!.GetValueKind());
        Assert.Null(json["f"]);
        Assert.Null(json["g"]);
        Assert.Equal("8080:8080", json["h"]!.GetValue<string>());
    }

    [Fact]
    public void App_waits_for_a_healthy_database_and_uses_postgres()
    {
        var compose = ComposeYaml.ToJson(File.ReadAllText(RepositoryFile("compose.yaml")));
        Assert.NotNull(compose);
        var services = compose["services"]!.AsObject();
        var app = services["app"]!.AsObject();
        var db = services["db"]!.AsObject();

        Assert.Equal("service_healthy", app["depends_on"]?["db"]?["condition"]?.GetValue<string>());

        var environment = Environment(app);
        Assert.Equal("Postgres", environment["Database__Provider"]);
        Assert.Contains("Host=db;", environment["Database__ConnectionString"], StringComparison.Ordinal);
        Assert.Equal("true", environment["Database__MigrateOnStart"], ignoreCase: true);

        Assert.StartsWith("postgres:", db["image"]!.GetValue<string>(), StringComparison.Ordinal);
        // Not the 128 MB default, which costs ingest its rollups' index pages on every chunk.
        Assert.Contains(db["command"]!.AsArray().Select(c => c!.GetValue<string>()), c => c.StartsWith("shared_buffers=", StringComparison.Ordinal));
        AssertHasHealthcheck(db, "pg_isready");
        AssertHasHealthcheck(app, "/health/ready");

        var build = app["build"]!.AsObject();
        Assert.Equal(".", build["context"]!.GetValue<string>());
        Assert.Equal(DockerfilePath, build["dockerfile"]!.GetValue<string>());
        Assert.True(File.Exists(RepositoryFile(DockerfilePath)), $"{DockerfilePath} is referenced by compose.yaml but missing");
    }

    [Fact]
    public void Dockerfile_publishes_the_host_project()
    {
        var lines = File.ReadAllLines(RepositoryFile(DockerfilePath))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        var text = string.Join('\n', lines);

        Assert.Contains("src/Op25b.Api/Op25b.Api.csproj", text, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("RUN dotnet publish src/Op25b.Api/Op25b.Api.csproj", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal));

        // The last USER instruction decides who the container runs as: it must not be root.
        var user = lines.LastOrDefault(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.NotNull(user);
        var who = user["USER ".Length..].Trim();
        Assert.DoesNotContain(who, new[] { "root", "0", "root:root", "0:0" });
        Assert.Equal("$APP_UID", who);
        // ...and it must come after the final FROM (a USER in the build stage does not count).
        Assert.True(lines.LastIndexOf(user) > lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
    }

    private static void AssertHasHealthcheck(JsonObject service, string expectedInTest)
    {
        var healthcheck = service["healthcheck"]?.AsObject();
        Assert.NotNull(healthcheck);
        Assert.False(healthcheck["disable"]?.GetValueKind() == JsonValueKind.True, "healthcheck is disabled");
        var test = healthcheck["test"];
        Assert.NotNull(test);
        var command = test.GetValueKind() == JsonValueKind.Array
            ? string.Join(' ', test.AsArray().Select(n => n!.GetValue<string>()))
            : test.GetValue<string>();
        Assert.Contains(expectedInTest, command, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Environment(JsonObject service)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        switch (service["environment"])
        {
            case JsonObject map:
                foreach (var (key, value) in map)
                    result[key] = value?.ToString();
                break;
            case JsonArray list:
                foreach (var item in list.Select(i => i!.GetValue<string>()))
                {
                    var eq = item.IndexOf('=', StringComparison.Ordinal);
                    result[eq < 0 ? item : item[..eq]] = eq < 0 ? null : item[(eq + 1)..];
                }
                break;
        }
        return result;
    }

    private static string Describe(EvaluationResults results)
    {
        var lines = new List<string>();
        Collect(results, lines);
        return string.Join('\n', lines.Distinct());

        // Only failing nodes: a passing oneOf/anyOf still carries the errors of its rejected branches.
        static void Collect(EvaluationResults node, List<string> sink)
        {
            if (node.IsValid)
                return;
            if (node.Errors is { } errors)
            {
                foreach (var (keyword, message) in errors)
                    sink.Add($"{node.InstanceLocation} ({node.EvaluationPath}) {keyword}: {message}");
            }
            if (node.Details is { } details)
            {
                foreach (var child in details)
                    Collect(child, sink);
            }
        }
    }

    /// <summary>Walks up from the test output directory to the directory that holds Admin.sln.</summary>
    private static string RepositoryFile(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Admin.sln")))
                return Path.Combine(dir.FullName, relativePath.Replace('/', Path.DirectorySeparatorChar));
        }
        throw new InvalidOperationException($"Admin.sln not found above {AppContext.BaseDirectory}");
    }

    private static class ComposeSchema
    {
        private static readonly Lazy<JsonSchema> Schema = new(Load);

        public static EvaluationResults Validate(JsonNode? document)
        {
            using var instance = JsonDocument.Parse(document?.ToJsonString() ?? "null");
            return Schema.Value.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        }

        private static JsonSchema Load()
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Deployment", SchemaFileName);
            // The schema declares "$schema": "https://json-schema.org/draft-07/schema", an https spelling of
            // the draft-07 meta-schema id (http://json-schema.org/draft-07/schema#) that JsonSchema.Net does
            // not know and refuses ("Cannot find dialect"). Register that URI as an alias of Draft 7 in a
            // private dialect registry; a private schema registry keeps the schema's relative "$id"
            // (compose_spec.json) out of the global one.
            var dialects = new DialectRegistry();
            dialects.Register(Dialect.Draft07.With([], new Uri("https://json-schema.org/draft-07/schema")));
            var options = new BuildOptions
            {
                Dialect = Dialect.Draft07,
                DialectRegistry = dialects,
                SchemaRegistry = new SchemaRegistry(),
            };
            return JsonSchema.FromText(File.ReadAllText(path), options, new Uri("https://compose-spec.io/schema/"));
        }
    }

    /// <summary>
    /// YAML → JSON using the YamlDotNet representation model. Only plain (unquoted) scalars are typed
    /// (null, booleans, integers, floats as in the YAML 1.2 core schema, which Compose's Go loader follows);
    /// quoted and block scalars stay strings.
    /// </summary>
    private static class ComposeYaml
    {
        public static JsonNode? ToJson(string yaml)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            Assert.Single(stream.Documents);
            return Convert(stream.Documents[0].RootNode);
        }

        private static JsonNode? Convert(YamlNode node) => node switch
        {
            YamlMappingNode map => ConvertMapping(map),
            YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
            YamlScalarNode scalar => ConvertScalar(scalar),
            _ => throw new NotSupportedException($"Unsupported YAML node {node.NodeType} at {node.Start}"),
        };

        private static JsonObject ConvertMapping(YamlMappingNode map)
        {
            var obj = new JsonObject();
            foreach (var (key, value) in map.Children)
            {
                var name = key is YamlScalarNode { Value: { } k } ? k : throw new NotSupportedException($"Non-scalar key at {key.Start}");
                obj.Add(name, Convert(value)); // Add throws on duplicate keys, which Compose rejects too.
            }
            return obj;
        }

        private static JsonNode? ConvertScalar(YamlScalarNode scalar)
        {
            var value = scalar.Value ?? string.Empty;
            if (scalar.Style != ScalarStyle.Plain || !scalar.Tag.IsEmpty)
                return JsonValue.Create(value);

            switch (value)
            {
                case "" or "~" or "null" or "Null" or "NULL":
                    return null;
                case "true" or "True" or "TRUE":
                    return JsonValue.Create(true);
                case "false" or "False" or "FALSE":
                    return JsonValue.Create(false);
            }
            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                return JsonValue.Create(integer);
            if (LooksLikeFloat(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
                return JsonValue.Create(real);
            return JsonValue.Create(value);
        }

        // YAML 1.2 core schema float: [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        private static bool LooksLikeFloat(string value) =>
            System.Text.RegularExpressions.Regex.IsMatch(value, @"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    }
}
