namespace Op25b.Core.Attempts.Parsing;

/// <summary>
/// What a receiver knows about a line's time besides the line: the zone its router logs in and
/// when the line arrived. Lines without a year or offset are read against it.
/// </summary>
/// <param name="Zone">The router's log time zone (IANA); UTC unless configured.</param>
public readonly record struct RouterClock(TimeZoneInfo Zone, DateTimeOffset ReceivedAt)
{
    public static RouterClock Utc(DateTimeOffset receivedAt) => new(TimeZoneInfo.Utc, receivedAt);

    /// <summary>Local wall time to UTC: the given offset when the line had one, else the router's zone.</summary>
    public DateTimeOffset ToUtc(DateTime local, TimeSpan? offset)
    {
        if (offset is { } fixedOffset)
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), fixedOffset).ToUniversalTime();
        // A wall time skipped by a DST change cannot be converted; read it at standard time. An
        // ambiguous one (the repeated hour) gets the zone's standard offset, which is the later instant.
        var zoneOffset = Zone.IsInvalidTime(local) ? Zone.BaseUtcOffset : Zone.GetUtcOffset(local);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zoneOffset).ToUniversalTime();
    }

    /// <summary>
    /// A year-less date: of last, this and next year, the one nearest the received time that is
    /// not further in the future than <see cref="AttemptValidation.MaxClockSkew"/>. So 31 Dec
    /// received just after midnight is last year, and 1 Jan from a clock a little ahead is next year.
    /// </summary>
    public DateTimeOffset? InferYear(int month, int day, TimeOnly time, long fractionTicks, TimeSpan? offset)
    {
        DateTimeOffset? best = null;
        var latest = ReceivedAt + AttemptValidation.MaxClockSkew;
        for (var year = ReceivedAt.Year - 1; year <= ReceivedAt.Year + 1; year++)
        {
            if (year is < 1 or > 9999 || day > DateTime.DaysInMonth(year, month))
                continue;
            var candidate = ToUtc(new DateTime(new DateOnly(year, month, day), time).AddTicks(fractionTicks), offset);
            if (candidate > latest)
                continue;
            if (best is null || (ReceivedAt - candidate).Duration() < (ReceivedAt - best.Value).Duration())
                best = candidate;
        }
        return best;
    }
}
