namespace Op25b.Core.Abuse;

/// <summary>One subscriber's busiest recent rollup hour and their baseline, as read from the hourly rollup.</summary>
public sealed record OffenderFigures(long SubscriberId, DateTimeOffset Hour, long Attempts, int DistinctDestinations, long BaselineAttempts, int BaselineHours)
{
    /// <summary>Mean attempts per hour over the whole baseline window, quiet hours counted as zero.</summary>
    public double BaselinePerHour => BaselineHours <= 0 ? 0 : (double)BaselineAttempts / BaselineHours;
}

/// <summary>A subscriber who crossed at least one rule, with every rule that fired (the first is the case's trigger).</summary>
public sealed record OffenderFinding(long SubscriberId, DateTimeOffset Hour, long Attempts, int DistinctDestinations, double BaselinePerHour,
    IReadOnlyList<AbuseCaseTrigger> Triggers)
{
    public AbuseCaseTrigger PrimaryTrigger => Triggers[0];
}
