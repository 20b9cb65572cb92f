using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Core;
using Op25b.Core.Deployments;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.Deployments.Cancel;

public sealed class Request
{
    public long Id { get; set; }
    public string? Reason { get; set; }
}

/// <summary>
/// Cancels any deployment that has not ended. A running push is stopped by its host at the next
/// lease renewal; since it may already have reached the router, the router is marked unknown and
/// the next deployment reads it first. The reconciler does not plan this version again by itself.
/// </summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock) : Endpoint<Request, DeploymentResponse>
{
    public override void Configure()
    {
        Post("/deployments/{id:long}/cancel");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Cancel a deployment that has not ended");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var deployment = await DeploymentLookup.RequireAsync(db, req.Id, ct);
        if (!Deployment.Open.Contains(deployment.State))
            throw new DomainRuleViolation(ViolationKind.Conflict, "state", $"Deployment {deployment.Id} has already ended.");
        var before = DeploymentResponse.From(deployment);
        if (deployment.State == DeploymentState.Running)
            deployment.Router!.StateUnknown = true;
        deployment.State = DeploymentState.Cancelled;
        deployment.FinishedAt = clock.GetUtcNow();
        deployment.LeaseUntil = null;
        audit.Record(Actor.Of(HttpContext), new AuditRecord("deployment.cancelled", "deployment", deployment.Id.ToString(), before,
            DeploymentResponse.From(deployment), req.Reason));
        await audit.SaveAsync(ct);
        await Send.OkAsync(DeploymentResponse.From(deployment), ct);
    }
}
