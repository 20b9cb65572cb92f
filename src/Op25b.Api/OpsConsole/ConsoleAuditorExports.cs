using Hangfire;
using Op25b.Api.Auth;
using Op25b.Api.Jobs;
using Op25b.Core.Exports;
using Op25b.OpsUi.Ports;
using Op25b.Persistence.Exports;

namespace Op25b.Api.OpsConsole;

/// <summary>The console's exports: the requester, runner, job and download the API's export endpoints use.</summary>
internal sealed class ConsoleAuditorExports(
    ExportRequester requester, ExportRunner runner, ExportDownloads downloads, IBackgroundJobClient jobs, ILogger<ConsoleAuditorExports> log)
    : IAuditorExports
{
    public async Task<long> RequestAsync(HttpContext http, string type, ExportFormat format, bool byteOrderMark, ExportQuery query, CancellationToken ct)
    {
        var actor = Actor.Of(http);
        var requested = await requester.RequestAsync(type, format, byteOrderMark, query, forceBackground: false, actor, ct);
        var id = requested.Export.Id;
        if (requested.RunsInBackground)
        {
            jobs.Enqueue<ExportJob>(j => j.RunAsync(id, CancellationToken.None));
            return id;
        }
        try
        {
            await runner.RunAsync(id, actor, null, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The runner has recorded the export as failed with its reason; the list shows it to the auditor.
            log.LogWarning(e, "Export {ExportId} requested in the console failed", id);
        }
        return id;
    }

    public Task<ExportDownload> OpenDownloadAsync(HttpContext http, string token, CancellationToken ct) =>
        downloads.OpenAsync(token, Actor.Of(http), ct);
}
