using System.Net;
using System.Net.Http.Json;
using System.Text;
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

    /// <summary>
    /// A streamed CSV export as an auditor opens it in a spreadsheet: no text cell may start like
    /// a formula, the manifest must say the cells were neutralised, and the file must still verify
    /// against its manifest. Returns the records, header first.
    /// </summary>
    public static async Task<List<List<string>>> NeutralisedCsvAsync(HttpClient auditor, object body)
    {
        var response = await RequestAsync(auditor, body);
        var file = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {Encoding.UTF8.GetString(file)}");
        var id = response.Headers.GetValues("X-Export-Id").Single();
        var manifest = await (await auditor.GetAsync($"/api/v1/exports/{id}/manifest")).Content.ReadAsStringAsync();
        Assert.True(JsonNode.Parse(manifest)!["formulasNeutralised"]!.GetValue<bool>());
        var verified = await (await auditor.PostAsync("/api/v1/exports/verify", new MultipartFormDataContent
        {
            { new ByteArrayContent(file), "file", "export.csv" },
            { new StringContent(manifest, Encoding.UTF8, "application/json"), "manifest", "export.manifest.json" },
        })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(verified["intact"]!.GetValue<bool>());

        var records = Rfc4180.Parse(Encoding.UTF8.GetString(file));
        Assert.DoesNotContain(records.SelectMany(r => r), cell => cell.Length > 0 && "=+-@\t\r".Contains(cell[0]));
        return records;
    }

    /// <summary>The value of <paramref name="column"/> in the first record whose cells include <paramref name="key"/>.</summary>
    public static string Cell(List<List<string>> records, string key, string column) =>
        records.First(r => r.Contains(key))[records[0].IndexOf(column)];

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
