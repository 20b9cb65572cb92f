namespace Op25b.Core.Audit;

/// <summary>
/// Left behind when audit entries up to <see cref="Sequence"/> are purged (after being archived):
/// the last purged entry's hash, from which the retained chain is verified. The archive export
/// holds the purged entries themselves and verifies against its own manifest.
/// </summary>
public sealed class AuditAnchor
{
    public long Sequence { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset PurgedAt { get; set; }
    public long EntriesPurged { get; set; }
    public long ArchiveExportId { get; set; }
    public required string ArchiveSha256 { get; set; }
}
