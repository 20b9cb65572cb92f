using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Op25b.Api.Cli;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Tests.Features.AbuseCases;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Features.Exports;

/// <summary>
/// The life of an export file: streamed or in the background with progress, its manifest, the
/// expiring download link, the audit record, and verification that catches tampering (API and CLI).
/// </summary>
public abstract class ExportFileTests(AdminApiFactory api)
{
    private static async Task<JsonNode> StatusAsync(HttpClient auditor, long id) =>
        await (await auditor.GetAsync($"/api/v1/exports/{id}")).ExpectAsync(HttpStatusCode.OK);

    private static MultipartFormDataContent Upload(byte[] file, string manifest) => new()
    {
        { new ByteArrayContent(file), "file", "export.jsonl" },
        { new StringContent(manifest, Encoding.UTF8, "application/json"), "manifest", "export.manifest.json" },
    };

    [Fact]
    public async Task A_small_export_streams_back_and_its_manifest_holds_the_hash_rows_query_and_audit_head()
    {
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        var from = api.Clock.GetUtcNow().AddDays(-1);
        var to = api.Clock.GetUtcNow().AddSeconds(1);
        var response = await ExportTesting.RequestAsync(auditor, new { type = "audit-trail", format = "csv", from, to });
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = long.Parse(response.Headers.GetValues("X-Export-Id").Single());
        Assert.Contains($"/api/v1/exports/{id}/manifest", response.Headers.GetValues("Link").Single());

        var manifest = await (await auditor.GetAsync($"/api/v1/exports/{id}/manifest")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), manifest["sha256"]!.GetValue<string>());
        Assert.Equal(Rfc4180.Parse(Encoding.UTF8.GetString(body)).Count - 1, manifest["rowCount"]!.GetValue<long>());
        Assert.True(manifest["rowCount"]!.GetValue<long>() > 0);
        Assert.Equal("audit-trail", manifest["type"]!.GetValue<string>());
        Assert.Equal("csv", manifest["format"]!.GetValue<string>());
        Assert.NotNull(manifest["query"]!["from"]);
        Assert.StartsWith("key:auditor", manifest["generatedBy"]!.GetValue<string>());
        var head = manifest["auditChainHead"]!["sequence"]!.GetValue<long>();
        Assert.True(head > 0);

        var audit = await (await auditor.GetAsync($"/api/v1/audit?entityType=export&entityId={id}")).ExpectAsync(HttpStatusCode.OK);
        var actions = audit["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["export.requested", "export.generated"], actions);
        var generated = audit["items"]!.AsArray()[1]!;
        Assert.True(generated["sequence"]!.GetValue<long>() > head);
        Assert.Contains(manifest["sha256"]!.GetValue<string>(), generated["after"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_background_export_reports_progress_then_a_download_link_that_expires()
    {
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        var accepted = await (await ExportTesting.RequestAsync(auditor, new { type = "audit-trail", format = "jsonl", @async = true }))
            .ExpectAsync(HttpStatusCode.Accepted);
        var id = accepted["id"]!.GetValue<long>();
        Assert.True(accepted["estimatedRows"]!.GetValue<long>() > 0);
        Assert.Null((await StatusAsync(auditor, id))["downloadUrl"]);

        await ExportTesting.RunJobAsync(api, id);
        var done = await StatusAsync(auditor, id);
        Assert.Equal("succeeded", done["state"]!.GetValue<string>());
        Assert.Equal(1.0, done["progress"]!.GetValue<double>());
        // The estimate was taken before the request's own audit entry, which the export then includes.
        Assert.Equal(done["estimatedRows"]!.GetValue<long>() + 1, done["rowsWritten"]!.GetValue<long>());
        var link = done["downloadUrl"]!.GetValue<string>();
        var download = await auditor.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var file = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(done["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(file)));
        Assert.Equal(done["rowsWritten"]!.GetValue<long>(), Encoding.UTF8.GetString(file).Count(c => c == '\n'));

        await (await auditor.GetAsync("/api/v1/exports/download/0123456789abcdef0123456789abcdef")).ExpectProblemAsync(HttpStatusCode.NotFound, "token");
        api.Clock.Advance(TimeSpan.FromHours(25));
        await (await auditor.GetAsync(link)).ExpectProblemAsync(HttpStatusCode.Gone, "token");
        Assert.Null((await StatusAsync(auditor, id))["downloadUrl"]);
    }

    [Fact]
    public async Task A_tampered_export_fails_verification_through_the_endpoints_naming_what_differs()
    {
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        var id = await ExportTesting.BackgroundExportAsync(api, auditor, new { type = "audit-trail", format = "jsonl", @async = true });
        var status = await StatusAsync(auditor, id);
        var file = await (await auditor.GetAsync(status["downloadUrl"]!.GetValue<string>())).Content.ReadAsByteArrayAsync();
        var manifest = await (await auditor.GetAsync($"/api/v1/exports/{id}/manifest")).Content.ReadAsStringAsync();

        Assert.True((await (await auditor.GetAsync($"/api/v1/exports/{id}/verify")).ExpectAsync(HttpStatusCode.OK))["intact"]!.GetValue<bool>());
        Assert.True((await (await auditor.PostAsync("/api/v1/exports/verify", Upload(file, manifest))).ExpectAsync(HttpStatusCode.OK))["intact"]!.GetValue<bool>());

        var altered = (byte[])file.Clone();
        var at = Array.IndexOf(altered, (byte)'k'); // inside an actor name such as "key:…"
        altered[at] = (byte)'K';
        var hashOnly = await (await auditor.PostAsync("/api/v1/exports/verify", Upload(altered, manifest))).ExpectAsync(HttpStatusCode.OK);
        Assert.False(hashOnly["intact"]!.GetValue<bool>());
        Assert.Equal(["sha256"], hashOnly["differences"]!.AsArray().Select(d => d!.GetValue<string>().Split(':')[0]));

        var firstLineEnd = Array.IndexOf(file, (byte)'\n');
        var shortened = file[(firstLineEnd + 1)..];
        var dropped = await (await auditor.PostAsync("/api/v1/exports/verify", Upload(shortened, manifest))).ExpectAsync(HttpStatusCode.OK);
        Assert.False(dropped["intact"]!.GetValue<bool>());
        Assert.Contains(dropped["differences"]!.AsArray(), d => d!.GetValue<string>().StartsWith("row count"));

        var stored = Path.Combine(api.ExportDirectory, JsonNode.Parse(manifest)!["fileName"]!.GetValue<string>());
        await File.WriteAllBytesAsync(stored, altered);
        var onDisk = await (await auditor.GetAsync($"/api/v1/exports/{id}/verify")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(onDisk["intact"]!.GetValue<bool>());

        await (await auditor.PostAsync("/api/v1/exports/verify", new MultipartFormDataContent { { new ByteArrayContent(file), "file", "f" } }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "manifest");
    }

    [Fact]
    public async Task A_tampered_export_fails_the_command_line_verification_with_exit_code_1()
    {
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        var id = await ExportTesting.BackgroundExportAsync(api, auditor, new { type = "audit-trail", format = "csv", byteOrderMark = true, @async = true });
        var dir = Directory.CreateTempSubdirectory("op25b-verify-").FullName;
        var file = Path.Combine(dir, "audit.csv");
        var manifest = Path.Combine(dir, "audit.csv.manifest.json");
        await File.WriteAllBytesAsync(file, await (await auditor.GetAsync((await StatusAsync(auditor, id))["downloadUrl"]!.GetValue<string>())).Content.ReadAsByteArrayAsync());
        await File.WriteAllTextAsync(manifest, await (await auditor.GetAsync($"/api/v1/exports/{id}/manifest")).Content.ReadAsStringAsync());

        var ok = new StringWriter();
        Assert.Equal(0, await HostCommands.RunAsync(api.Services, ["export", "verify", file, manifest], ok));
        Assert.StartsWith("OK:", ok.ToString());

        await File.AppendAllTextAsync(file, "999,2026-04-01T00:00:00Z,key:mallory,admin,forged,x,1,,,,,,\r\n");
        var failed = new StringWriter();
        Assert.Equal(1, await HostCommands.RunAsync(api.Services, ["export", "verify", file, manifest], failed));
        Assert.Contains("FAILED", failed.ToString());
        Assert.Contains("sha256:", failed.ToString());
        Assert.Contains("row count: the file has", failed.ToString());

        var missing = new StringWriter();
        Assert.Equal(2, await HostCommands.RunAsync(api.Services, ["export", "verify", file, Path.Combine(dir, "none.json")], missing));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task A_subscriber_id_that_starts_like_a_formula_is_written_as_text_in_the_attempt_summary_csv()
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        // The CRM's id pattern admits a leading minus, which Excel reads as a formula (-1-1 shows as -2).
        var subscriber = $"-1-1.{Guid.NewGuid().ToString("N")[..8]}";
        await (await crm.PutAsJsonAsync($"/api/v1/subscribers/{subscriber}", new { displayName = "x", productCode = "dynamic-residential" }))
            .ExpectAsync(HttpStatusCode.Created);
        long subscriberId = 0;
        await api.WithDbAsync(async db => subscriberId = (await db.Subscribers.SingleAsync(s => s.ExternalId == subscriber)).Id);
        var hour = RollupSeeding.HourOf(api.Clock.GetUtcNow().AddDays(-1));
        await RollupSeeding.AddAsync(api, [RollupSeeding.Row(subscriberId, hour, 7)]);

        var records = await ExportTesting.NeutralisedCsvAsync(auditor, new
        {
            type = "attempt-summary", format = "csv", from = hour.AddDays(-1), to = hour.AddDays(1),
        });
        Assert.Equal("7", ExportTesting.Cell(records, "'" + subscriber, "attempts"));
    }

    [Fact]
    public async Task An_oversized_manifest_part_and_a_malformed_multipart_body_are_400_problems()
    {
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        // 2 MiB of JSON whitespace before a real-looking manifest: read whole, it would parse.
        var padded = new string(' ', 2 * 1024 * 1024) + "{}";
        var oversized = await auditor.PostAsync("/api/v1/exports/verify", Upload([1, 2, 3], padded));
        var problem = await oversized.ExpectProblemAsync(HttpStatusCode.BadRequest, "manifest");
        Assert.Contains("larger than", problem.ToJsonString());

        var truncated = new StringContent("--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno closing boundary", Encoding.UTF8);
        truncated.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        await (await auditor.PostAsync("/api/v1/exports/verify", truncated)).ExpectProblemAsync(HttpStatusCode.BadRequest, "body");
    }
}

public sealed class ExportFileTests_on_Sqlite(SqliteApiFactory api) : ExportFileTests(api), IClassFixture<SqliteApiFactory>;

public sealed class ExportFileTests_on_Postgres(PostgresApiFactory api) : ExportFileTests(api), IClassFixture<PostgresApiFactory>;
