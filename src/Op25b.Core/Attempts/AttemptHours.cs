namespace Op25b.Core.Attempts;

/// <summary>Rollups count by UTC hour, whatever zone the reader shows times in.</summary>
public static class AttemptHours
{
    public static DateTimeOffset Floor(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
}
