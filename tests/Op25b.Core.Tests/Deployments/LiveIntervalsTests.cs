using Op25b.Core.Deployments;

namespace Op25b.Core.Tests.Deployments;

public sealed class LiveIntervalsTests
{
    private static readonly DateTimeOffset T = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static AppliedVersion Applied(long router, long version, int day, long deployment) =>
        new(router, version, $"hash{version}", T.AddDays(day), deployment, "neteng");

    [Fact]
    public void Each_version_is_live_from_its_succeeded_deployment_until_the_next_one_clipped_to_the_period()
    {
        var intervals = LiveIntervals.Within([Applied(1, 10, -5, 1), Applied(1, 11, 10, 2), Applied(1, 12, 40, 3)], T, T.AddDays(31));
        Assert.Equal(
            [new LiveInterval(1, 10, "hash10", T, T.AddDays(10), 1, "neteng"), new LiveInterval(1, 11, "hash11", T.AddDays(10), null, 2, "neteng")],
            intervals);
    }

    [Fact]
    public void A_redeploy_of_the_running_version_continues_its_interval_and_routers_are_kept_apart()
    {
        var intervals = LiveIntervals.Within([Applied(1, 10, 1, 1), Applied(1, 10, 3, 2), Applied(2, 10, 2, 3), Applied(1, 11, 5, 4)], T, T.AddDays(31));
        Assert.Equal(3, intervals.Count);
        Assert.Equal((T.AddDays(1), (DateTimeOffset?)T.AddDays(5)), (intervals[0].From, intervals[0].Until));
        Assert.Equal(2, intervals[2].RouterId);
    }

    [Fact]
    public void Versions_replaced_before_the_period_or_applied_after_it_are_left_out()
    {
        var intervals = LiveIntervals.Within([Applied(1, 9, -20, 1), Applied(1, 10, -5, 2), Applied(1, 11, 45, 3)], T, T.AddDays(31));
        Assert.Equal(10, Assert.Single(intervals).RuleSetVersionId);
    }
}
