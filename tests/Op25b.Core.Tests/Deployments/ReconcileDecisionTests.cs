using Op25b.Core.Deployments;

namespace Op25b.Core.Tests.Deployments;

public sealed class ReconcileDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);
    private const string V1 = "h1", V2 = "h2";

    private static Deployment D(long id, string hash, DeploymentState state, DateTimeOffset? retryAfter = null) =>
        new() { Id = id, Hash = hash, State = state, Trigger = "t", RequestedBy = "system", QueuedAt = Now.AddMinutes(-1), RetryAfter = retryAfter };

    private static ReconcileAction Decide(string? desired, string? verified, bool unknown = false, Deployment? inFlight = null, Deployment? last = null) =>
        ReconcileDecision.For(desired, new RouterObservation(verified, unknown, inFlight, last), Now).Action;

    [Fact]
    public void A_revoke_that_returns_to_the_recorded_live_hash_during_a_push_waits_for_the_push_and_then_deploys()
    {
        // v1 verified live, push of v2 (approval) running, then the revoke compiles v3 whose hash equals v1.
        Assert.Equal(ReconcileAction.Wait, Decide(V1, V1, inFlight: D(2, V2, DeploymentState.Running)));
        // The push ends: the router is verified to run v2, the desired hash is v1's again.
        Assert.Equal(ReconcileAction.Plan, Decide(V1, V2, last: D(2, V2, DeploymentState.Succeeded)));
    }

    [Fact]
    public void A_router_verified_to_run_the_desired_version_is_in_sync_unless_its_state_is_unknown()
    {
        Assert.Equal(ReconcileAction.InSync, Decide(V1, V1));
        Assert.Equal(ReconcileAction.Plan, Decide(V1, V1, unknown: true));
        Assert.Equal(ReconcileAction.Plan, Decide(V1, null));
        Assert.Equal(ReconcileAction.InSync, Decide(null, null));
    }

    [Fact]
    public void A_waiting_deployment_of_an_older_version_is_replaced_and_one_of_the_desired_version_is_kept()
    {
        Assert.Equal(ReconcileAction.Plan, Decide(V2, V1, inFlight: D(3, V1, DeploymentState.Queued)));
        Assert.Equal(ReconcileAction.Plan, Decide(V2, V1, inFlight: D(3, V1, DeploymentState.Held)));
        Assert.Equal(ReconcileAction.EnsureQueued, Decide(V2, V1, inFlight: D(3, V2, DeploymentState.Queued)));
        Assert.Equal(ReconcileAction.Wait, Decide(V2, V1, inFlight: D(3, V2, DeploymentState.Held)));
        Assert.Equal(ReconcileAction.Wait, Decide(V2, V1, inFlight: D(3, V2, DeploymentState.AwaitingExternalApply)));
    }

    [Fact]
    public void A_failure_is_tried_again_only_when_its_retry_is_due_and_a_cancel_or_refusal_waits_for_a_person()
    {
        Assert.Equal(ReconcileAction.Wait, Decide(V2, V1, last: D(4, V2, DeploymentState.Failed, Now.AddSeconds(10))));
        Assert.Equal(ReconcileAction.Plan, Decide(V2, V1, last: D(4, V2, DeploymentState.Failed, Now.AddSeconds(-1))));
        Assert.Equal(ReconcileAction.NeedsOperator, Decide(V2, V1, last: D(4, V2, DeploymentState.Failed)));
        Assert.Equal(ReconcileAction.NeedsOperator, Decide(V2, V1, last: D(4, V2, DeploymentState.Cancelled)));
        // A newer version is a new decision: the failure of an older one does not block it.
        Assert.Equal(ReconcileAction.Plan, Decide(V2, V1, last: D(4, V1, DeploymentState.Failed)));
        // An abandoned push is not a verdict on the version: deploy it again at once.
        Assert.Equal(ReconcileAction.Plan, Decide(V2, V1, unknown: true, last: D(4, V2, DeploymentState.Abandoned)));
    }
}
