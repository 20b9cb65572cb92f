namespace Op25b.Core.Abuse;

/// <summary>
/// Which rollup hours the offender rules look at. Observed: the current (partial) hour and the
/// previous complete one — the current hour alone would see nothing for the first minutes after
/// each full hour, the previous one alone would react an hour late. Baseline: the
/// <see cref="OffenderThresholds.BaselineDays"/> days immediately before the observed hours, so
/// the burst being judged never inflates its own baseline.
/// </summary>
public sealed record OffenderWindow(DateTimeOffset ObservedFrom, DateTimeOffset BaselineFrom, int BaselineHours)
{
    public static OffenderWindow At(DateTimeOffset now, OffenderThresholds thresholds)
    {
        var utc = now.ToUniversalTime();
        var currentHour = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
        var observedFrom = currentHour.AddHours(-1);
        var baselineHours = thresholds.BaselineDays * 24;
        return new OffenderWindow(observedFrom, observedFrom.AddHours(-baselineHours), baselineHours);
    }
}
