namespace Op25b.Core.Attempts.Chunks;

/// <summary>Builds chunk rows from parsed records, with the same normalisation as <see cref="BlockedAttempt.From"/>.</summary>
public static class AttemptRows
{
    public static AttemptRow From(BlockedAttemptRecord record, string channel, DateTimeOffset receivedAt)
    {
        var row = new AttemptRow
        {
            OccurredAt = record.OccurredAt.UtcDateTime,
            ReceivedAt = receivedAt.UtcDateTime,
            RouterName = record.RouterName,
            Protocol = record.Protocol,
            Action = AttemptRow.ActionName(record.Action),
            Channel = channel,
            Source = AttemptAddress.Of(record.Source),
            Destination = AttemptAddress.Of(record.Destination),
            SourcePort = record.SourcePort ?? -1,
            DestinationPort = record.DestinationPort,
            Packets = record.Packets,
        };
        AttemptKey.Write(record, row.Dedup);
        return row;
    }

    public static AttemptRow From(BlockedAttempt a) => new()
    {
        OccurredAt = a.OccurredAt.UtcDateTime,
        ReceivedAt = a.ReceivedAt.UtcDateTime,
        RouterName = a.RouterName,
        Protocol = a.Protocol,
        Action = a.Action,
        Channel = a.Channel,
        Source = AttemptAddress.Of(a.SourceIp),
        Destination = AttemptAddress.Of(a.DestinationIp),
        SourcePort = a.SourcePort ?? -1,
        DestinationPort = a.DestinationPort,
        Packets = a.Packets,
        Dedup = AttemptDigest.FromHex(a.DedupKey),
    };
}
