using Op25b.Core.RuleSets;
using static Op25b.Core.Tests.RuleSets.RuleSetExamples;

namespace Op25b.Core.Tests.RuleSets;

public sealed class MassRemovalGuardTests
{
    [Fact]
    public void Dropping_40_of_50_live_exemptions_is_held_for_a_network_admin()
    {
        var verdict = MassRemovalGuard.Check(ContentWithExemptions(1, 50), ContentWithExemptions(41, 10), 0.25);

        Assert.True(verdict.Hold);
        Assert.Equal((50, 40, 0.8), (verdict.LiveExemptions, verdict.RemovedExemptions, verdict.RemovedShare));
        Assert.Equal(
            "This version drops 40 of 50 exemptions (80%) live on the router; above the 25% limit: a network-admin must confirm.",
            verdict.Message);
    }

    [Fact]
    public void Dropping_a_share_below_the_limit_goes_ahead()
    {
        var verdict = MassRemovalGuard.Check(ContentWithExemptions(1, 50), ContentWithExemptions(11, 60), 0.25);

        Assert.False(verdict.Hold);
        Assert.Equal(10, verdict.RemovedExemptions);
        Assert.Equal("This version drops 10 of 50 exemptions (20%) live on the router; within the 25% limit.", verdict.Message);
    }

    [Fact]
    public void Dropping_exactly_the_limit_goes_ahead_and_one_more_is_held()
    {
        var live = ContentWithExemptions(1, 8);

        Assert.False(MassRemovalGuard.Check(live, ContentWithExemptions(3, 6), 0.25).Hold);
        Assert.True(MassRemovalGuard.Check(live, ContentWithExemptions(4, 5), 0.25).Hold);
    }

    [Fact]
    public void Dropping_every_exemption_of_a_single_exemption_router_is_held()
    {
        var verdict = MassRemovalGuard.Check(Content((7, "100.64.7.0/24")), Content(), 0.25);

        Assert.True(verdict.Hold);
        Assert.Equal((1, 1, 1.0), (verdict.LiveExemptions, verdict.RemovedExemptions, verdict.RemovedShare));
    }

    [Fact]
    public void An_exemption_merged_into_a_larger_entry_is_still_live_and_not_counted_as_dropped()
    {
        var live = Content((1, "100.64.7.0/25"), (2, "100.64.8.0/24"));
        var next = Content((1, "100.64.7.0/25"), (2, "100.64.8.0/24"), (3, "100.64.7.128/25"));

        var verdict = MassRemovalGuard.Check(live, next, 0);

        Assert.False(verdict.Hold);
        Assert.Equal(0, verdict.RemovedExemptions);
    }

    [Fact]
    public void With_nothing_live_nothing_is_held()
    {
        var verdict = MassRemovalGuard.Check(null, Content(), 0);

        Assert.False(verdict.Hold);
        Assert.Equal((0, 0), (verdict.LiveExemptions, verdict.RemovedExemptions));
        Assert.Equal("No version is live on the router yet: no exemption can be dropped.", verdict.Message);
    }

    [Fact]
    public void With_no_live_exemptions_nothing_is_held() =>
        Assert.False(MassRemovalGuard.Check(Content(), Content(), 0).Hold);

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_limit_outside_zero_to_one_is_refused(double limit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MassRemovalGuard.Check(Content(), Content(), limit));
}
