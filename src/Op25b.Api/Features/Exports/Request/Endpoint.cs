using FastEndpoints;
using Hangfire;
using Op25b.Api.Auth;
using Op25b.Api.Jobs;
using Op25b.Core.Exports;
using Op25b.Persistence.Exports;

namespace Op25b.Api.Features.Exports.Request;

/// <summary>
/// Requests an export. A small one streams straight back as the file (the manifest follows at the
/// <c>Link</c> given in the headers once the last byte is written); a large one (above the row
/// threshold, or <c>async</c>) answers 202 and runs as a background job whose progress and
/// download link are at <c>GET /exports/{id}</c>.
/// </summary>
public sealed class Endpoint(ExportRequester requester, ExportRunner runner, ExportProgressBoard board, IBackgroundJobClient jobs, TimeProvider clock)
    : Endpoint<Request, ExportResponse>
{
    public override void Configure()
    {
        Post("/exports");
        Roles(Allow.Auditors);
        Summary(s => s.Summary = "Request an export (streams back when small, otherwise a background job with progress and an expiring download link)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        ExportFormats.TryParse(req.Format, out var format);
        var actor = Actor.Of(HttpContext);
        var query = new ExportQuery(req.At?.ToUniversalTime(), req.From?.ToUniversalTime(), req.To?.ToUniversalTime(), req.Router, req.Subscriber);
        var requested = await requester.RequestAsync(req.Type, format, req.ByteOrderMark, query, req.Async, actor, ct);
        var export = requested.Export;
        if (requested.RunsInBackground)
        {
            jobs.Enqueue<ExportJob>(j => j.RunAsync(export.Id, CancellationToken.None));
            HttpContext.Response.Headers.Location = $"/api/v1/exports/{export.Id}";
            await Send.ResponseAsync(ExportResponse.From(export, board, clock.GetUtcNow()), StatusCodes.Status202Accepted, ct);
            return;
        }

        var response = HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ExportFormats.ContentType(format);
        response.Headers.ContentDisposition = $"attachment; filename=\"{ExportFiles.FileNameFor(export)}\"";
        response.Headers["X-Export-Id"] = export.Id.ToString();
        response.Headers.Link = $"</api/v1/exports/{export.Id}/manifest>; rel=\"describedby\"";
        try
        {
            await runner.RunAsync(export.Id, actor, response.Body, ct);
        }
        catch (Exception) when (response.HasStarted)
        {
            // Headers are gone: abort the connection so the client sees a failed download, never a
            // truncated file that looks complete. The export is recorded as failed with its reason.
            HttpContext.Abort();
        }
    }
}
