namespace Op25b.Core.Network;

/// <summary>A router's configured log time zone, by IANA name; none means UTC.</summary>
public static class LogZone
{
    public static bool TryFind(string? name, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(name) || name.Equals("UTC", StringComparison.OrdinalIgnoreCase))
            return true;
        // IANA only: a Windows name would resolve on one host and not another.
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(name, out var found) || !found.HasIanaId)
            return false;
        zone = found;
        return true;
    }

    /// <summary>The zone, or UTC when the stored name is no longer known to this host's tzdata.</summary>
    public static TimeZoneInfo Of(string? name) => TryFind(name, out var zone) ? zone : TimeZoneInfo.Utc;
}
