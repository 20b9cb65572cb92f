using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Jobs;
using Op25b.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Console;

/// <summary>An auditor's exports in a real browser: request, download, verify, and a tampered copy caught.</summary>
public sealed class ConsoleExportsTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    /// <summary>The value a datetime-local input takes, in the console's zone (Asia/Tokyo).</summary>
    private string LocalInput(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).ToString("yyyy-MM-dd'T'HH:mm");

    private async Task<string> DownloadAsync(IPage page, string selector)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(selector));
        var path = console.Host.Scratch.File($"{Guid.NewGuid():N}-{download.SuggestedFilename}");
        await download.SaveAsAsync(path);
        return path;
    }

    private static async Task VerifyAsync(IPage page, string file, string manifest)
    {
        await page.GotoAsync("/ops/exports/verify");
        await page.SetInputFilesAsync("#verify-file", file);
        await page.SetInputFilesAsync("#verify-manifest", manifest);
        await page.ClickAsync("#verify");
        await page.WaitForSelectorAsync("#verify-result");
    }

    [Fact]
    public async Task An_auditor_downloads_a_small_export_verifies_it_and_a_tampered_copy_fails_naming_what_differs()
    {
        var auditor = await console.Host.UserAsync("kobayashi", Roles.Auditor);
        var page = await console.SignedInAsync(auditor);
        await page.ClickAsync("#nav-exports");
        await page.SelectOptionAsync("#Form_Type", "exemption-register");
        await page.FillAsync("#Form_At", LocalInput(console.Host.Clock.GetUtcNow().AddMinutes(2)));
        await page.SelectOptionAsync("#Form_Format", "csv");
        await page.CheckAsync("#Form_ByteOrderMark");
        await page.ClickAsync("#request-export");

        // Small: written during the request, so the list shows it ready with its links at once.
        Assert.Contains("requested", await page.InnerTextAsync("#export-requested"));
        var id = await page.GetAttributeAsync("#exports tbody tr:first-child", "data-id");
        var row = $"#export-{id}";
        Assert.Equal("succeeded", await page.GetAttributeAsync(row, "data-state"));
        Assert.Contains("exemption-register", await page.InnerTextAsync(row));
        Assert.Contains("(100%)", await page.InnerTextAsync($"{row} .progress"));
        await Browser.ScreenshotAsync(page, nameof(An_auditor_downloads_a_small_export_verifies_it_and_a_tampered_copy_fails_naming_what_differs) + "-list");

        var file = await DownloadAsync(page, $"{row} a.download");
        var manifest = await DownloadAsync(page, $"{row} a.manifest");
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // the BOM asked for, so Excel reads UTF-8
        Assert.Contains(console.NoisySubscriber, Encoding.UTF8.GetString(bytes));

        await VerifyAsync(page, file, manifest);
        Assert.Contains("matches its manifest", await page.InnerTextAsync("#verify-ok"));
        await Browser.ScreenshotAsync(page, nameof(An_auditor_downloads_a_small_export_verifies_it_and_a_tampered_copy_fails_naming_what_differs) + "-intact");

        // Someone slips a row into the copy: hash, row count and size all give it away.
        var tampered = file + ".tampered.csv";
        await File.WriteAllBytesAsync(tampered, [.. bytes, .. Encoding.UTF8.GetBytes("999,CRM-forged,x,192.0.2.0/24,,,,,,,,,\r\n")]);
        await VerifyAsync(page, tampered, manifest);
        Assert.Contains("does not match its manifest", await page.InnerTextAsync("#verify-failed"));
        var differences = await page.InnerTextAsync("#verify-differences");
        Assert.Contains("sha256", differences);
        var rows = Op25b.Core.Exports.ExportManifest.Parse(await File.ReadAllTextAsync(manifest)).RowCount;
        Assert.Contains($"row count: the file has {rows + 1} rows, the manifest says {rows}", differences);
        await Browser.ScreenshotAsync(page, nameof(An_auditor_downloads_a_small_export_verifies_it_and_a_tampered_copy_fails_naming_what_differs));

        await console.Host.WithDbAsync(async db => Assert.True(await db.AuditEntries.AnyAsync(a =>
            a.Action == "export.downloaded" && a.EntityId == id && a.Actor == $"user:{auditor}")));
    }

    [Fact]
    public async Task A_background_export_shows_its_progress_and_the_page_offers_the_download_once_the_job_finishes()
    {
        var api = console.Host.ApiClient(await console.Host.IssueKeyAsync("audit-api", Roles.Auditor));
        var queued = await (await api.PostAsJsonAsync("/api/v1/exports", new { type = "audit-trail", from = AdminApiFactory.Start, format = "jsonl", @async = true }))
            .ExpectAsync(HttpStatusCode.Accepted);
        var row = $"#export-{queued["id"]!.GetValue<long>()}";

        var page = await console.SignedInAsync(await console.Host.UserAsync("kimura", Roles.Auditor));
        await page.GotoAsync("/ops/exports");
        Assert.Equal("queued", await page.GetAttributeAsync(row, "data-state"));
        Assert.Contains("(0%)", await page.InnerTextAsync($"{row} .progress"));
        Assert.Equal(0, await page.Locator($"{row} a.download").CountAsync());

        // The Hangfire server does not run in tests: run the job as it would. exports.js, polling, reloads the page.
        await console.Host.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ExportJob>().RunAsync(queued["id"]!.GetValue<long>(), CancellationToken.None);
            return 0;
        });
        await page.WaitForSelectorAsync($"{row}[data-state=succeeded] a.download", new PageWaitForSelectorOptions { Timeout = 20_000 });
        Assert.Contains("(100%)", await page.InnerTextAsync($"{row} .progress"));
        await Browser.ScreenshotAsync(page, nameof(A_background_export_shows_its_progress_and_the_page_offers_the_download_once_the_job_finishes));
    }

    [Fact]
    public async Task A_request_missing_a_parameter_is_refused_naming_it_a_forged_post_is_refused_and_the_desk_cannot_open_exports()
    {
        var page = await console.SignedInAsync(await console.Host.UserAsync("admin-ueda", Roles.Admin));
        await page.GotoAsync("/ops/exports");
        await page.SelectOptionAsync("#Form_Type", "abuse-case-history");
        await page.ClickAsync("#request-export");
        Assert.Contains("from", await page.InnerTextAsync("#export-error"));
        await Browser.ScreenshotAsync(page, nameof(A_request_missing_a_parameter_is_refused_naming_it_a_forged_post_is_refused_and_the_desk_cannot_open_exports));

        // Same browser and sign-in, no anti-forgery token, as a forged cross-site post: a request that
        // would otherwise be valid is refused before it runs, and the verify form refuses it as well.
        var before = await console.Host.WithScopeAsync(sp => sp.GetRequiredService<Op25b.Persistence.AdminDbContext>().ExportFiles.CountAsync());
        var forged = page.APIRequest.CreateFormData().Set("Form.Type", "audit-trail").Set("Form.Format", "csv").Set("Form.From", "2026-04-01T00:00");
        Assert.Equal(400, (await page.APIRequest.PostAsync("/ops/exports", new APIRequestContextOptions { Form = forged })).Status);
        Assert.Equal(before, await console.Host.WithScopeAsync(sp => sp.GetRequiredService<Op25b.Persistence.AdminDbContext>().ExportFiles.CountAsync()));
        var verify = await page.APIRequest.PostAsync("/ops/exports/verify", new APIRequestContextOptions { Form = forged });
        Assert.Equal(400, verify.Status);
        Assert.DoesNotContain("verify-error", await verify.TextAsync());

        var desk = await console.SignedInAsync(await console.Host.UserAsync("desk-mori", Roles.AbuseDesk));
        Assert.Equal(0, await desk.Locator("#nav-exports").CountAsync());
        await desk.GotoAsync("/ops/exports");
        Assert.Contains("/ops/denied", desk.Url);
    }
}
