using FastEndpoints;
using FluentValidation;
using Op25b.Api.Auth;
using Op25b.Core.Deployments;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.Deployments.ExternalApply;

public sealed class Request
{
    public long Id { get; set; }
    /// <summary>Whether the artifact was applied on the router (false: the apply failed; output says why).</summary>
    public bool? Applied { get; set; }
    /// <summary>The router's or the automation's own output (commit id, error text).</summary>
    public string Output { get; set; } = "";

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Applied).NotNull();
            RuleFor(r => r.Output).NotEmpty().MaximumLength(16_000);
        }
    }
}

/// <summary>
/// Export-mode platforms (IOS-XE, IOS-XR, Junos, RFC 8519) are applied by the ISP's own
/// automation or an engineer; this records the outcome. Only then is the version live there.
/// </summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock) : Endpoint<Request, DeploymentResponse>
{
    public override void Configure()
    {
        Post("/deployments/{id:long}/external-apply");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Report the outcome of applying an exported artifact on the router");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var deployment = await DeploymentLookup.RequireAsync(db, req.Id, ct);
        DeploymentLookup.RequireState(deployment, DeploymentState.AwaitingExternalApply, "confirm the external apply of");
        var before = DeploymentResponse.From(deployment);
        var now = clock.GetUtcNow();
        deployment.State = req.Applied == true ? DeploymentState.Succeeded : DeploymentState.Failed;
        deployment.FinishedAt = now;
        deployment.ConfirmedBy = Actor.NameOf(User);
        deployment.Output = req.Output;
        if (req.Applied == true)
            Rollout.RouterRecord.Verified(deployment.Router!, deployment.RuleSetVersionId, deployment.Hash, now);
        audit.Record(Actor.Of(HttpContext), new AuditRecord(req.Applied == true ? "deployment.applied-externally" : "deployment.failed-externally",
            "deployment", deployment.Id.ToString(), before, DeploymentResponse.From(deployment)));
        await audit.SaveAsync(ct);
        await Send.OkAsync(DeploymentResponse.From(deployment), ct);
    }
}
