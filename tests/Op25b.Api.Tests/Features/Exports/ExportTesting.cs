using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Jobs;
using Op25b.Api.Tests.Infrastructure;

namespace Op25b.Api.Tests.Features.Exports;

/// <summary>Requesting, running and reading exports the way an auditor's client does.</summary>
public static class ExportTesting
{
    public static Task<HttpResponseMessage> RequestAsync(HttpClient auditor, object body) => auditor.PostAsJsonAsync("/api/v1/exports", body);

    /// <summary>A streamed export's body as JSON objects, one per line.</summary>
    public static async Task<List<JsonNode>> JsonLinesAsync(HttpClient auditor, object body)
    {
        var response = await RequestAsync(auditor, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!)];
    }

    /// <summary>Runs a queued background export as the Hangfire server would (the tests' host runs none).</summary>
    public static async Task RunJobAsync(AdminApiFactory api, long id) =>
        await api.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ExportJob>().RunAsync(id, CancellationToken.None);
            return 0;
        });

    public static async Task<long> BackgroundExportAsync(AdminApiFactory api, HttpClient auditor, object body)
    {
        var accepted = await (await RequestAsync(auditor, body)).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("queued", accepted["state"]!.GetValue<string>());
        var id = accepted["id"]!.GetValue<long>();
        await RunJobAsync(api, id);
        return id;
    }
}
