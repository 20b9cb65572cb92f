using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Http;

/// <summary>
/// Hostile clients, generated from the host's own OpenAPI document so that a new endpoint or
/// field is covered without touching this file: for every write operation, every body field
/// null, wrongly typed, oversized and carrying control characters, plus malformed JSON and a
/// wrong content type. No answer may be a 5xx, every 4xx is a problem document naming a field
/// (the hostile one where the fault is that field's), and nothing is written. Both providers.
/// </summary>
public abstract class HostileInputTests(AdminApiFactory api)
{
    private sealed record Attempt(string Label, HttpContent Body, string? MustName);

    /// <summary>Fields a validator requires only in some combinations, which OpenAPI cannot say: the document lists them as optional.</summary>
    private static readonly Dictionary<string, string[]> ConditionallyRequired = new()
    {
        // The impact check needs the line's scope from lineInScope only when productCode does not tell it.
        ["POST /api/v1/impact-check"] = ["lineInScope"],
    };

    [Fact]
    public async Task No_hostile_request_gets_a_5xx_every_4xx_names_the_field_and_nothing_is_written()
    {
        var admin = await api.ClientWithRolesAsync("hostile", Roles.Admin);
        var operations = OpenApiOperation.WritesIn(await OpenApiAsync(admin));
        Assert.True(operations.Count >= 25, $"only {operations.Count} write operations found");
        var before = await StoredStateAsync();
        var failures = new List<string>();
        var sent = 0;
        foreach (var (operation, parameters) in operations)
            foreach (var attempt in Attempts(operation))
            {
                var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(operation.Method), operation.SamplePath(parameters)) { Content = attempt.Body });
                sent++;
                if (await JudgeAsync(response, attempt.MustName) is { } fault)
                    failures.Add($"{operation} {attempt.Label}: {fault}");
            }
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} hostile requests mishandled:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        Assert.Equal(before, await StoredStateAsync());
    }

    [Fact]
    public async Task Every_operation_refuses_exactly_the_fields_its_openapi_document_marks_required()
    {
        var admin = await api.ClientWithRolesAsync("contract", Roles.Admin);
        var mismatches = new List<string>();
        foreach (var (operation, parameters) in OpenApiOperation.WritesIn(await OpenApiAsync(admin)))
        {
            var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(operation.Method), operation.SamplePath(parameters))
            {
                Content = Json("{}"),
            });
            var named = response.StatusCode == HttpStatusCode.BadRequest ? await ErrorNamesAsync(response) : [];
            var refused = operation.Fields.Select(f => f.Name).Where(f => named.Contains(f, StringComparer.OrdinalIgnoreCase)).Order().ToList();
            var required = operation.RequiredFields.Concat(ConditionallyRequired.GetValueOrDefault(operation.ToString(), [])).Order().ToList();
            if (!refused.SequenceEqual(required))
                mismatches.Add($"{operation}: document requires [{string.Join(", ", required)}], an empty body is refused for [{string.Join(", ", refused)}]");
        }
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    private static IEnumerable<Attempt> Attempts(OpenApiOperation operation)
    {
        var anyRequired = operation.RequiredFields.FirstOrDefault();
        yield return new("empty object", Json("{}"), anyRequired);
        yield return new("malformed JSON", Json("""{"a": """), null);
        yield return new("JSON array", Json("[1, 2]"), "body");
        yield return new("text/plain body", new StringContent("hello", Encoding.UTF8, "text/plain"), "Content-Type");
        foreach (var field in operation.Fields)
        {
            var name = JsonValue.Create(field.Name).ToJsonString();
            yield return new($"{field.Name}=null", Json($"{{{name}: null}}"), field.Required ? field.Name : null);
            yield return new($"{field.Name} wrongly typed", Json($"{{{name}: {WrongTyped(field.Type)}}}"), field.Name);
            if (Oversized(field.Type) is { } oversized)
                yield return new($"{field.Name} oversized", Json($"{{{name}: {oversized}}}"), field.Type is "integer" or "number" ? field.Name : null);
            if (field.Type is "string" or "array")
            {
                foreach (var control in new[] { "\\u0000", "\\u0007", "\\u001b[31m", "\\u007f" })
                {
                    var text = $"\"ok{control}\"";
                    yield return new($"{field.Name} with {control}", Json($"{{{name}: {(field.Type == "array" ? $"[{text}]" : text)}}}"), field.Name);
                }
            }
        }
    }

    private static string WrongTyped(string? type) => type switch
    {
        "string" => "12345",
        "integer" or "number" => "\"twelve\"",
        "boolean" => "\"yes\"",
        "array" => "{\"not\": \"a list\"}",
        _ => "[1, 2, 3]",
    };

    private static string? Oversized(string? type) => type switch
    {
        "string" => $"\"{new string('x', 20_000)}\"",
        "array" => $"[{string.Join(',', Enumerable.Repeat("\"x\"", 8_000))}]",
        "integer" => "123456789012345678901234567890",
        "number" => "1e400",
        _ => null,
    };

    /// <summary>Null when the answer is acceptable, else what is wrong with it.</summary>
    private static async Task<string?> JudgeAsync(HttpResponseMessage response, string? mustName)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
            return $"{status}: {await response.Content.ReadAsStringAsync()}";
        if (status < 400)
            return null;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"{status} is not a problem document";
        var names = await ErrorNamesAsync(response);
        if (names.Count == 0)
            return $"{status} names no field: {await response.Content.ReadAsStringAsync()}";
        if (mustName is not null && status is 400 or 415 && !names.Any(n => Names(n, mustName)))
            return $"{status} names [{string.Join(", ", names)}] but not {mustName}";
        return null;
    }

    private static bool Names(string error, string field) =>
        string.Equals(error, field, StringComparison.OrdinalIgnoreCase)
        || error.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase)
        || error.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase);

    private static async Task<List<string>> ErrorNamesAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonNode.Parse(body)?["errors"]?.AsArray().Select(e => e?["name"]?.GetValue<string>() ?? "").Where(n => n.Length > 0).ToList() ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    private static async Task<JsonNode> OpenApiAsync(HttpClient client) =>
        JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Row counts of everything a write could add to, the audit trail's length and the policy's version.</summary>
    private async Task<string> StoredStateAsync()
    {
        var state = "";
        await api.WithDbAsync(async db =>
        {
            long[] counts =
            [
                await db.Subscribers.LongCountAsync(), await db.AddressAssignments.LongCountAsync(), await db.Exemptions.LongCountAsync(),
                await db.ExemptionPrefixes.LongCountAsync(), await db.AuditEntries.LongCountAsync(), await db.ApiKeys.LongCountAsync(),
                await db.Routers.LongCountAsync(), await db.SubscriberPools.LongCountAsync(), await db.MailRelays.LongCountAsync(),
                await db.Products.LongCountAsync(), await db.Deployments.LongCountAsync(), await db.RuleSetVersions.LongCountAsync(),
                await db.AbuseCases.LongCountAsync(), await db.AbuseCaseEvents.LongCountAsync(), await db.AccessSessions.LongCountAsync(),
                await db.AccountingEvents.LongCountAsync(), await db.ExportFiles.LongCountAsync(), await db.IspAddressSpace.LongCountAsync(),
                (await db.PolicySettings.SingleAsync()).Version,
            ];
            state = string.Join(",", counts);
        });
        return state;
    }
}

public sealed class HostileInputTests_on_Sqlite(SqliteApiFactory api) : HostileInputTests(api), IClassFixture<SqliteApiFactory>;

public sealed class HostileInputTests_on_Postgres(PostgresApiFactory api) : HostileInputTests(api), IClassFixture<PostgresApiFactory>;
