using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Op25b.Api.Tests.Infrastructure;

public static class HttpJson
{
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty body");

    /// <summary>Asserts the status and returns the body, showing the body when the status is wrong.</summary>
    public static async Task<JsonNode> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} but got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body.Length == 0 ? "{}" : body)!;
    }

    /// <summary>Asserts an RFC 9457 problem document with the status that names <paramref name="field"/> among its errors.</summary>
    public static async Task<JsonNode> ExpectProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var problem = await response.ExpectAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        if (field is not null)
        {
            var names = problem["errors"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToList();
            Assert.True(names.Any(n => string.Equals(n, field, StringComparison.OrdinalIgnoreCase)),
                $"expected an error naming '{field}' but got [{string.Join(", ", names)}]: {problem}");
        }
        return problem;
    }

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body);
}
