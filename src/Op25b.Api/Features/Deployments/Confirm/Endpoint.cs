using FastEndpoints;
using FluentValidation;
using Hangfire;
using Op25b.Api.Auth;
using Op25b.Api.Jobs;
using Op25b.Core.Deployments;
using Op25b.Core.RuleSets;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.Deployments.Confirm;

public sealed class Request
{
    public long Id { get; set; }
    public string Reason { get; set; } = "";

    public sealed class Validator : Validator<Request>
    {
        public Validator() => RuleFor(r => r.Reason).NotEmpty().WithMessage("Say why the mass removal is intended.").MaximumLength(2000);
    }
}

/// <summary>Releases a version the mass-removal guard held: a network-admin confirms the removal is intended.</summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, IBackgroundJobClient jobs) : Endpoint<Request, DeploymentResponse>
{
    public override void Configure()
    {
        Post("/deployments/{id:long}/confirm");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Confirm a held deployment (mass-removal guard), with a reason");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var deployment = await DeploymentLookup.RequireAsync(db, req.Id, ct);
        DeploymentLookup.RequireState(deployment, DeploymentState.Held, "confirm");
        var before = DeploymentResponse.From(deployment);
        deployment.ConfirmedBy = Actor.NameOf(User);
        deployment.State = deployment.Router!.Platform.IsPushed() ? DeploymentState.Queued : DeploymentState.AwaitingExternalApply;
        audit.Record(Actor.Of(HttpContext), new AuditRecord("deployment.confirmed", "deployment", deployment.Id.ToString(), before,
            DeploymentResponse.From(deployment), req.Reason));
        await audit.SaveAsync(ct);
        if (deployment.State == DeploymentState.Queued)
            jobs.Enqueue<DeployJob>(j => j.RunAsync(deployment.Id, CancellationToken.None));
        await Send.OkAsync(DeploymentResponse.From(deployment), ct);
    }
}
