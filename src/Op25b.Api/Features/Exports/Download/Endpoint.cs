using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Core.Exports;
using Op25b.Persistence.Exports;

namespace Op25b.Api.Features.Exports.Download;

public sealed class Request
{
    public string Token { get; set; } = "";
}

/// <summary>Downloads a finished export through its link, still only for an auditor's key (see <see cref="ExportDownloads"/>).</summary>
public sealed class Endpoint(ExportDownloads downloads) : Endpoint<Request>
{
    public override void Configure()
    {
        Get("/exports/download/{token}");
        Roles(Allow.Auditors);
        Summary(s => s.Summary = "Download a finished export through its expiring link");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var (export, stream) = await downloads.OpenAsync(req.Token, Actor.Of(HttpContext), ct);
        if (stream is null)
        {
            await Http.Problems.Write(HttpContext, StatusCodes.Status410Gone, "Link expired",
                $"The download link of export {export.Id} expired at {export.DownloadExpiresAt:O}; request the export again.", "token");
            return;
        }
        HttpContext.Response.Headers["X-Export-Sha256"] = export.Sha256;
        await Send.StreamAsync(stream, export.FileName!, stream.Length, ExportFormats.ContentType(export.Format), cancellation: ct);
    }
}
