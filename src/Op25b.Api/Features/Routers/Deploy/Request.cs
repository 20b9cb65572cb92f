namespace Op25b.Api.Features.Routers.Deploy;

public sealed class Request
{
    public string Name { get; set; } = "";
    /// <summary>Only show what would happen: the version, the plan (queued, held, refused) and the difference from the live version.</summary>
    public bool DryRun { get; set; }
    /// <summary>The version to deploy; defaults to the newest of the router's group (compiled now when none exists).</summary>
    public long? RuleSetId { get; set; }
    public string? Reason { get; set; }
}

public sealed record Response(string Router, long RuleSetId, int Number, string Hash, bool DryRun, string PlannedState, string Summary,
    RuleSets.DifferenceResponse Difference, long? DeploymentId);
