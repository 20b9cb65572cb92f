using System.Globalization;

namespace Op25b.Core.Abuse;

/// <summary>
/// Decides whether a subscriber's figures make them an offender. Three rules, any one suffices:
/// <list type="number">
/// <item>attempts in one hour ≥ <see cref="OffenderThresholds.AttemptsPerHour"/>;</item>
/// <item>distinct destinations in one hour ≥ <see cref="OffenderThresholds.DistinctDestinationsPerHour"/>;</item>
/// <item>far above their own baseline: attempts in the hour ≥ max(<see cref="OffenderThresholds.BaselineMinimumAttempts"/>,
/// <see cref="OffenderThresholds.BaselineFactor"/> × mean attempts per hour over the baseline window, quiet hours counted as zero).</item>
/// </list>
/// Why the mean over all hours and not the median: a clean line almost never tries port 25, so
/// the median hour of nearly every subscriber is 0 and says nothing; the mean keeps "usually a
/// few tries a day" and is one SUM per subscriber over the rollup. The floor keeps a quiet line's
/// first handful of retries from counting as "ten times its baseline". A line that has been
/// infected for weeks has a high baseline and escapes rule 3 — rules 1 and 2 catch it.
/// </summary>
public static class OffenderRules
{
    public static OffenderFinding? Evaluate(OffenderFigures figures, OffenderThresholds thresholds)
    {
        var triggers = new List<AbuseCaseTrigger>(3);
        if (figures.Attempts >= thresholds.AttemptsPerHour)
            triggers.Add(AbuseCaseTrigger.AttemptsPerHour);
        if (figures.DistinctDestinations >= thresholds.DistinctDestinationsPerHour)
            triggers.Add(AbuseCaseTrigger.DestinationsPerHour);
        if (figures.Attempts >= BaselineLimit(figures.BaselinePerHour, thresholds))
            triggers.Add(AbuseCaseTrigger.AboveBaseline);
        return triggers.Count == 0 ? null
            : new OffenderFinding(figures.SubscriberId, figures.Hour, figures.Attempts, figures.DistinctDestinations, figures.BaselinePerHour, triggers);
    }

    /// <summary>The attempts in one hour at which the baseline rule fires for this baseline.</summary>
    public static double BaselineLimit(double baselinePerHour, OffenderThresholds thresholds) =>
        Math.Max(thresholds.BaselineMinimumAttempts, thresholds.BaselineFactor * baselinePerHour);

    /// <summary>The smallest hourly count that can fire any rule (D distinct destinations take at least D attempts): the rollup query skips everyone below it.</summary>
    public static long MinimumAttemptsOfInterest(OffenderThresholds thresholds) =>
        Math.Min(thresholds.AttemptsPerHour, Math.Min(thresholds.BaselineMinimumAttempts, thresholds.DistinctDestinationsPerHour));

    /// <summary>The reason recorded with a case, in plain words with the figures.</summary>
    public static string Describe(OffenderFinding finding, OffenderThresholds thresholds)
    {
        var hour = finding.Hour.ToString("yyyy-MM-dd HH:00'Z'", CultureInfo.InvariantCulture);
        var parts = finding.Triggers.Select(t => t switch
        {
            AbuseCaseTrigger.AttemptsPerHour => $"{finding.Attempts} blocked port-25 attempts in the hour from {hour} (threshold {thresholds.AttemptsPerHour})",
            AbuseCaseTrigger.DestinationsPerHour => $"{finding.DistinctDestinations} distinct destinations in the hour from {hour} (threshold {thresholds.DistinctDestinationsPerHour})",
            AbuseCaseTrigger.AboveBaseline => string.Create(CultureInfo.InvariantCulture,
                $"{finding.Attempts} attempts in the hour from {hour} against a {thresholds.BaselineDays}-day mean of {finding.BaselinePerHour:0.##} per hour (limit {BaselineLimit(finding.BaselinePerHour, thresholds):0.##})"),
            _ => "opened by hand",
        });
        return string.Join("; ", parts) + ".";
    }
}
