using System.Text.Json;
using Op25b.Api.Hosting;
using Op25b.Core.Exports;
using Op25b.Persistence.Exports;

namespace Op25b.Api.Features.Exports;

/// <summary>An export's state for the auditor: progress while it runs, then the expiring download link and the manifest.</summary>
public sealed record ExportResponse(
    long Id, string Type, string Format, bool ByteOrderMark, IReadOnlyDictionary<string, string> Query, ExportState State,
    string RequestedBy, DateTimeOffset RequestedAt, long EstimatedRows, long RowsWritten, double? Progress,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? DownloadUrl, DateTimeOffset? DownloadExpiresAt,
    string ManifestUrl, string? Sha256, long? ByteCount, string? Error)
{
    public static ExportResponse From(ExportFile e, ExportProgressBoard board, DateTimeOffset now)
    {
        var status = ExportStatus.Of(e, board, now);
        return new ExportResponse(e.Id, e.Type, ExportFormats.Name(e.Format), e.ByteOrderMark,
            JsonSerializer.Deserialize<Dictionary<string, string>>(e.Query) ?? [], e.State, e.RequestedBy, e.RequestedAt,
            e.EstimatedRows, status.RowsWritten, status.Progress, e.StartedAt, e.FinishedAt,
            status.Downloadable ? $"/{ApiSetup.RoutePrefix}/exports/download/{e.Token}" : null, e.DownloadExpiresAt,
            $"/{ApiSetup.RoutePrefix}/exports/{e.Id}/manifest", e.Sha256, e.State == ExportState.Succeeded ? e.ByteCount : null, e.Error);
    }
}
