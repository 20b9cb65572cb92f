using System.Net;

namespace Op25b.Core.Attempts;

/// <summary>
/// One stored port-25 attempt a router blocked (or logged), tied to the subscriber who held the
/// source address at that moment once that is known. Rows are immutable except for attribution.
/// </summary>
public sealed class BlockedAttempt
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string RouterName { get; set; }
    public required IPAddress SourceIp { get; set; }
    /// <summary>Order-preserving key of the source, for prefix filters on both providers.</summary>
    public required string SourceKey { get; set; }
    public int? SourcePort { get; set; }
    public required IPAddress DestinationIp { get; set; }
    public int DestinationPort { get; set; }
    public required string Protocol { get; set; }
    /// <summary>Cisco and Junos aggregate: a lower bound of packets, not a count of connections.</summary>
    public int Packets { get; set; } = 1;
    public required string Action { get; set; }
    public long? SubscriberId { get; set; }
    public DateTimeOffset? AttributedAt { get; set; }
    /// <summary>The source's event id when it sends one, otherwise a hash of the natural key: what makes a resend a duplicate.</summary>
    public required string DedupKey { get; set; }
    public required string Channel { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
