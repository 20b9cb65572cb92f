using Op25b.Core.Deployments;
using Change = Op25b.Api.Tests.Lab.RouterMarkerLog.Change;

namespace Op25b.Api.Tests.Lab;

/// <summary>The fault test's judge, on made-up histories: it must tell a false record from a true one, or the lab test proves nothing.</summary>
public sealed class RecordedOutcomesTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 4, 20, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(double seconds) => T.AddSeconds(seconds);

    private static RecordedDeployment D(long id, long version, DeploymentState state, double? start, double? end, string output = "") =>
        new(id, version, state, start is { } s ? At(s) : null, end is { } e ? At(e) : null, output);

    [Fact]
    public void A_history_in_which_every_record_matches_the_router_passes()
    {
        var deployments = new[]
        {
            D(1, 10, DeploymentState.Succeeded, 0, 2),
            D(2, 11, DeploymentState.Failed, 3, 13, "Connect after 10000 ms: timed out"),
            D(3, 12, DeploymentState.Abandoned, 14, 20),
            D(4, 13, DeploymentState.Superseded, null, 21),
            D(5, 12, DeploymentState.Succeeded, 22, 23),
        };
        Change[] router = [new(At(1), 10), new(At(15), 12), new(At(22.5), 12)];
        Assert.Empty(RecordedOutcomes.Disagreements(deployments, router));
    }

    [Fact]
    public void A_success_the_router_never_saw_is_a_disagreement()
    {
        var found = RecordedOutcomes.Disagreements([D(1, 10, DeploymentState.Succeeded, 0, 2)], []);
        Assert.Contains(found, f => f.Contains("never switched"));
    }

    [Fact]
    public void A_success_whose_version_the_router_left_before_it_ended_is_a_disagreement()
    {
        var found = RecordedOutcomes.Disagreements(
            [D(1, 10, DeploymentState.Abandoned, 0, 5), D(2, 11, DeploymentState.Succeeded, 1, 3)],
            [new(At(1.5), 11), new(At(2), 10)]);
        Assert.Contains(found, f => f.Contains("left its version for 10"));
    }

    [Fact]
    public void A_failure_with_a_known_outcome_whose_version_the_router_took_is_a_disagreement_and_an_unknown_one_is_not()
    {
        Change[] router = [new(At(1), 10)];
        Assert.Contains(RecordedOutcomes.Disagreements([D(1, 10, DeploymentState.Failed, 0, 2, "Apply after 900 ms: refused")], router),
            f => f.Contains("recorded failed"));
        Assert.Empty(RecordedOutcomes.Disagreements(
            [D(1, 10, DeploymentState.Failed, 0, 2, "Read after 10 ms: cut\noutcome unknown: reading the router failed")], router));
    }

    [Fact]
    public void A_change_on_the_router_no_deployment_accounts_for_and_a_deployment_left_open_are_disagreements()
    {
        var found = RecordedOutcomes.Disagreements([D(1, 10, DeploymentState.Running, 0, null)], [new(At(5), 10)]);
        Assert.Contains(found, f => f.Contains("still Running"));
        Assert.Contains(found, f => f.Contains("no deployment that ran then accounts for it"));
    }
}
