using Op25b.Core.Exports;

namespace Op25b.Persistence.Exports;

/// <summary>
/// How far an export has got and whether it can be downloaded now: shared by the API's status
/// endpoints and the console, so both show the same figures.
/// </summary>
public sealed record ExportStatus(long RowsWritten, double? Progress, bool Downloadable)
{
    public static ExportStatus Of(ExportFile e, ExportProgressBoard board, DateTimeOffset now)
    {
        // While it runs in this process the board is live; otherwise the last persisted count.
        var rows = board.RowsWritten(e.Id) ?? e.RowsWritten;
        double? progress = e.State switch
        {
            ExportState.Succeeded => 1.0,
            // Capped below 1: the estimate is an upper bound only where cheap, so "100 %" waits for the manifest.
            ExportState.Running when e.EstimatedRows > 0 => Math.Min(0.99, (double)rows / e.EstimatedRows),
            ExportState.Queued => 0.0,
            _ => null,
        };
        return new ExportStatus(rows, progress, e.State == ExportState.Succeeded && e.DownloadExpiresAt > now);
    }
}
