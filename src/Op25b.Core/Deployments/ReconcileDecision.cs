namespace Op25b.Core.Deployments;

public enum ReconcileAction
{
    /// <summary>The router was verified to run the desired version.</summary>
    InSync,
    /// <summary>Something is under way (a push running, a version held or awaiting an external apply) or a retry is not due yet.</summary>
    Wait,
    /// <summary>A queued deployment: make sure a job will run it (in-process job storage forgets jobs at restart).</summary>
    EnsureQueued,
    /// <summary>Plan a deployment of the desired version (superseding a queued, held or awaiting one of an older version).</summary>
    Plan,
    /// <summary>The last attempt at the desired version failed for good or was cancelled: a person must act (or the policy change again).</summary>
    NeedsOperator,
}

/// <summary>What a router is observed to be: its last verified version and what is in flight or last ended there.</summary>
public sealed record RouterObservation(string? VerifiedHash, bool StateUnknown, Deployment? InFlight, Deployment? LastFinished);

public sealed record ReconcileDecision(ReconcileAction Action, string Reason)
{
    /// <summary>
    /// Compares the version a router must run with what it was last verified to run and with
    /// what is in flight. Level-triggered: the answer depends only on these, never on which
    /// event caused the look, so running it again (or twice at once) plans nothing new.
    /// </summary>
    public static ReconcileDecision For(string? desiredHash, RouterObservation router, DateTimeOffset now)
    {
        if (desiredHash is null)
            return new(ReconcileAction.InSync, "its group has no compiled version");
        if (router.InFlight is { } open)
        {
            if (open.State == DeploymentState.Running)
                return new(ReconcileAction.Wait, $"deployment {open.Id} is running");
            if (open.Hash != desiredHash)
                return new(ReconcileAction.Plan, $"deployment {open.Id} is {open.State} for an older version");
            return open.State == DeploymentState.Queued
                ? new(ReconcileAction.EnsureQueued, $"deployment {open.Id} is queued")
                : new(ReconcileAction.Wait, $"deployment {open.Id} is {open.State}");
        }
        if (!router.StateUnknown && router.VerifiedHash == desiredHash)
            return new(ReconcileAction.InSync, "verified to run the desired version");
        if (router.LastFinished is { State: DeploymentState.Failed or DeploymentState.Cancelled } last && last.Hash == desiredHash)
        {
            if (last.RetryAfter is null)
                return new(ReconcileAction.NeedsOperator, $"deployment {last.Id} of this version ended {last.State}");
            if (last.RetryAfter > now)
                return new(ReconcileAction.Wait, $"deployment {last.Id} failed; next attempt after {last.RetryAfter:O}");
        }
        return new(ReconcileAction.Plan, router.StateUnknown
            ? "what the router runs is unknown"
            : router.VerifiedHash is null ? "the router was never verified to run a version" : "the router runs another version");
    }
}
