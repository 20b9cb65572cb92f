using Op25b.Core.Abuse;

namespace Op25b.Core.Tests.Abuse;

public sealed class OffenderRulesTests
{
    private static readonly DateTimeOffset Hour = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly OffenderThresholds Defaults = new(); // 100/h, 20 destinations/h, 10 × baseline, floor 20, 14 days

    private static OffenderFigures Figures(long attempts, int destinations = 1, long baselineAttempts = 0) =>
        new(42, Hour, attempts, destinations, baselineAttempts, 14 * 24);

    [Fact]
    public void A_quiet_line_with_a_few_retries_is_no_offender() =>
        Assert.Null(OffenderRules.Evaluate(Figures(attempts: 19), Defaults));

    [Fact]
    public void Crossing_the_attempts_threshold_makes_an_offender()
    {
        var finding = OffenderRules.Evaluate(Figures(attempts: 100, baselineAttempts: 336 * 50), Defaults)!;
        Assert.Equal([AbuseCaseTrigger.AttemptsPerHour], finding.Triggers);
    }

    [Fact]
    public void Many_destinations_make_an_offender_even_with_few_attempts_each()
    {
        var finding = OffenderRules.Evaluate(Figures(attempts: 25, destinations: 25, baselineAttempts: 336 * 10), Defaults)!;
        Assert.Equal(AbuseCaseTrigger.DestinationsPerHour, finding.PrimaryTrigger);
    }

    [Theory]
    // baseline 2/h → limit max(20, 10×2) = 20
    [InlineData(672, 20, true)]
    [InlineData(672, 19, false)]
    // baseline 5/h → limit 50
    [InlineData(1680, 50, true)]
    [InlineData(1680, 49, false)]
    // never tried before: the floor alone decides
    [InlineData(0, 20, true)]
    [InlineData(0, 19, false)]
    public void The_baseline_rule_fires_at_factor_times_the_mean_hour_but_never_below_the_floor(long baselineAttempts, long attempts, bool fires)
    {
        var finding = OffenderRules.Evaluate(Figures(attempts, baselineAttempts: baselineAttempts), Defaults);
        Assert.Equal(fires, finding?.Triggers.Contains(AbuseCaseTrigger.AboveBaseline) ?? false);
    }

    [Fact]
    public void The_reason_names_every_rule_that_fired_with_its_figures()
    {
        var finding = OffenderRules.Evaluate(Figures(attempts: 400, destinations: 30, baselineAttempts: 336), Defaults)!;
        var reason = OffenderRules.Describe(finding, Defaults);
        Assert.Equal([AbuseCaseTrigger.AttemptsPerHour, AbuseCaseTrigger.DestinationsPerHour, AbuseCaseTrigger.AboveBaseline], finding.Triggers);
        Assert.Contains("400 blocked port-25 attempts in the hour from 2026-05-01 09:00Z (threshold 100)", reason);
        Assert.Contains("30 distinct destinations", reason);
        Assert.Contains("14-day mean of 1 per hour (limit 20)", reason);
    }

    [Fact]
    public void The_window_observes_the_current_and_previous_hour_and_takes_the_baseline_just_before()
    {
        var window = OffenderWindow.At(new DateTimeOffset(2026, 5, 1, 18, 7, 0, TimeSpan.FromHours(9)), Defaults);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero), window.ObservedFrom);
        Assert.Equal(new DateTimeOffset(2026, 4, 17, 8, 0, 0, TimeSpan.Zero), window.BaselineFrom);
        Assert.Equal(336, window.BaselineHours);
    }

    [Fact]
    public void Nobody_below_the_smallest_threshold_can_fire_a_rule()
    {
        var t = new OffenderThresholds { AttemptsPerHour = 50, DistinctDestinationsPerHour = 8, BaselineMinimumAttempts = 12 };
        Assert.Equal(8, OffenderRules.MinimumAttemptsOfInterest(t));
        Assert.Null(OffenderRules.Evaluate(new OffenderFigures(1, Hour, 7, 7, 0, 336), t));
    }
}
