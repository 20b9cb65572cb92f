namespace Op25b.Core.Exports;

public enum ExportState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    /// <summary>The file was removed by retention; the row and its manifest stay as the record of it.</summary>
    Purged,
}

/// <summary>
/// One export an auditor (or the retention job) asked for: its query, progress while it runs, and
/// once written the file's place, fingerprint and manifest. The download is addressed by a random
/// <see cref="Token"/> and refused after <see cref="DownloadExpiresAt"/>.
/// </summary>
public sealed class ExportFile
{
    public long Id { get; set; }
    public required string Token { get; set; }
    public required string Type { get; set; }
    public ExportFormat Format { get; set; }
    public bool ByteOrderMark { get; set; }
    /// <summary>The query parameters as canonical JSON (sorted names), as the manifest records them.</summary>
    public required string Query { get; set; }
    public ExportState State { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public long EstimatedRows { get; set; }
    public long RowsWritten { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public DateTimeOffset? DownloadExpiresAt { get; set; }
    /// <summary>File name under the configured export directory.</summary>
    public string? FileName { get; set; }
    public string? Sha256 { get; set; }
    public long ByteCount { get; set; }
    public string? Manifest { get; set; }
    public string? Error { get; set; }
    /// <summary>An audit archive made before purging audit entries: export retention never deletes it.</summary>
    public bool IsArchive { get; set; }
}
