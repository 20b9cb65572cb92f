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
    /// <summary>SHA-256 of the natural key (or the source's event id): what makes a resend a duplicate.</summary>
    public required string DedupKey { get; set; }
    public required string Channel { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The row for a parsed record; its dedup key is the record's natural key (<see cref="AttemptKey"/>).</summary>
    public static BlockedAttempt From(BlockedAttemptRecord record, string channel, DateTimeOffset receivedAt) => new()
    {
        OccurredAt = record.OccurredAt.ToUniversalTime(),
        RouterName = record.RouterName,
        SourceIp = record.Source,
        SourceKey = Addressing.AddressKey.Of(record.Source),
        SourcePort = record.SourcePort,
        DestinationIp = record.Destination,
        DestinationPort = record.DestinationPort,
        Protocol = record.Protocol,
        Packets = record.Packets,
        Action = record.Action.ToString().ToLowerInvariant(),
        DedupKey = AttemptKey.Of(record),
        Channel = channel,
        ReceivedAt = receivedAt,
    };
}
