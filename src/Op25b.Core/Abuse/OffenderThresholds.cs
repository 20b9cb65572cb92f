namespace Op25b.Core.Abuse;

/// <summary>
/// When a subscriber counts as an offender, bound from <c>Abuse:Thresholds</c>. The defaults
/// are a starting point for a residential ISP: a mail client that fails over to port 25 retries
/// a few times an hour; spam malware tries hundreds of MX hosts.
/// </summary>
public sealed class OffenderThresholds
{
    public const string Section = "Abuse:Thresholds";

    /// <summary>Blocked attempts within one rollup hour at or above which a subscriber is an offender.</summary>
    public long AttemptsPerHour { get; set; } = 100;

    /// <summary>Distinct destination addresses within one hour: malware spreads over many MX hosts, a misconfigured client hits one.</summary>
    public int DistinctDestinationsPerHour { get; set; } = 20;

    /// <summary>How many times the subscriber's own mean hourly attempts an hour must reach to count as "far above baseline".</summary>
    public double BaselineFactor { get; set; } = 10;

    /// <summary>The baseline rule never fires below this many attempts in the hour (noise on a quiet line is not abuse).</summary>
    public long BaselineMinimumAttempts { get; set; } = 20;

    /// <summary>Length of the baseline window before the observed hours.</summary>
    public int BaselineDays { get; set; } = 14;
}
