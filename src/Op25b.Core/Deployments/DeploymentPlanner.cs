using Op25b.Core.Network;
using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;

namespace Op25b.Core.Deployments;

public sealed record DeploymentPlan(DeploymentState InitialState, string Summary, RuleSetDifference Difference);

/// <summary>
/// Decides how a version starts its way to one router, before anything touches the router:
/// refused when it exceeds the router's ACE budget, held when it removes too many live
/// exemptions at once, otherwise queued for a push or published for an external apply.
/// </summary>
public static class DeploymentPlanner
{
    public static DeploymentPlan Plan(Router router, RuleSetContent target, RuleSetContent? live, double maxRemovedShare)
    {
        var difference = RuleSetDiff.Between(live, target);
        var budget = AceBudget.Check(RuleSetRenderers.For(router.Platform), target, router.AceBudget);
        if (!budget.WithinBudget)
            return new(DeploymentState.Failed, budget.Message, difference);

        var guard = MassRemovalGuard.Check(live, target, maxRemovedShare);
        if (guard.Hold)
            return new(DeploymentState.Held, guard.Message, difference);

        return router.Platform.IsPushed()
            ? new(DeploymentState.Queued, $"push to {router.Name} over SSH; {Describe(difference)}", difference)
            : new(DeploymentState.AwaitingExternalApply,
                $"export mode ({router.Platform.Name()}): apply the artifact on {router.Name} and confirm; {Describe(difference)}", difference);
    }

    public static string Describe(RuleSetDifference d) => d.IsEmpty
        ? "no change from the live version"
        : $"+{d.AddedExempt.Count}/-{d.RemovedExempt.Count} exempt, +{d.AddedPools.Count}/-{d.RemovedPools.Count} pools, " +
          $"+{d.AddedRelays.Count}/-{d.RemovedRelays.Count} relays{(d.PolicyChanged ? ", policy changed" : "")}";
}
