namespace Op25b.Core.Attempts;

/// <summary>Plausibility checks applied before an attempt is stored.</summary>
public static class AttemptValidation
{
    // Router clocks drift and NTP may not have converged after a reboot; five minutes absorbs
    // that without letting a misconfigured year through.
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <returns>A reason the record is unusable, or null when it may be stored.</returns>
    /// <summary>
    /// The admission check every ingest path applies: the record is sound, within retention, and
    /// comes from a router this system knows (anything else would be attributed to no network).
    /// </summary>
    public static string? Check(BlockedAttemptRecord record, DateTimeOffset now, TimeSpan maxAge, IReadOnlySet<string> knownRouters) =>
        knownRouters.Contains(record.RouterName) ? Check(record, now, maxAge) : $"router: '{record.RouterName}' is not a registered router";

    public static string? Check(BlockedAttemptRecord record, DateTimeOffset now, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (string.IsNullOrWhiteSpace(record.RouterName))
            return "router name is empty";
        if (record.SourcePort is < 0 or > 65535)
            return $"source port {record.SourcePort} is outside 0-65535";
        if (record.DestinationPort is < 1 or > 65535)
            return $"destination port {record.DestinationPort} is outside 1-65535";
        if (record.Source.AddressFamily != record.Destination.AddressFamily)
            return "source and destination are of different address families";
        if (string.IsNullOrWhiteSpace(record.Protocol))
            return "protocol is empty";
        if (record.Packets < 1)
            return $"packet count {record.Packets} is below 1";
        if (record.OccurredAt > now + MaxClockSkew)
            return $"timestamp {record.OccurredAt:O} is more than {MaxClockSkew.TotalMinutes} minutes in the future";
        if (record.OccurredAt < now - maxAge)
            return $"timestamp {record.OccurredAt:O} is older than the retention period";
        return null;
    }
}
