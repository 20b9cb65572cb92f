namespace Op25b.Core.Attempts;

/// <summary>The time buckets rollups count by: UTC hours and UTC days, whatever zone a reader shows times in.</summary>
public static class RollupBuckets
{
    public static DateTimeOffset Hour(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);

    public static DateTimeOffset Day(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerDay, TimeSpan.Zero);
}
