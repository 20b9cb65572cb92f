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

/// <summary>Cancels a deployment that has not started (queued, held or awaiting an external apply). A running push is not interrupted half-way.</summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock) : Endpoint<Request, DeploymentResponse>
{
    public override void Configure()
    {
        Post("/deployments/{id:long}/cancel");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Cancel a deployment that has not started");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var deployment = await DeploymentLookup.RequireAsync(db, req.Id, ct);
        if (deployment.State is not (DeploymentState.Queued or DeploymentState.Held or DeploymentState.AwaitingExternalApply))
            throw new DomainRuleViolation(ViolationKind.Conflict, "state", $"Deployment {deployment.Id} has already started or ended.");
        var before = DeploymentResponse.From(deployment);
        deployment.State = DeploymentState.Cancelled;
        deployment.FinishedAt = clock.GetUtcNow();
        audit.Record(Actor.Of(HttpContext), new AuditRecord("deployment.cancelled", "deployment", deployment.Id.ToString(), before,
            DeploymentResponse.From(deployment), req.Reason));
        await audit.SaveAsync(ct);
        await Send.OkAsync(DeploymentResponse.From(deployment), ct);
    }
}
