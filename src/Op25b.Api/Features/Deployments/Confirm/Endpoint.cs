using FastEndpoints;
using FluentValidation;
using Op25b.Api.Auth;
using Op25b.Api.Rollout;

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
public sealed class Endpoint(HeldDeploymentRelease release) : Endpoint<Request, DeploymentResponse>
{
    public override void Configure()
    {
        Post("/deployments/{id:long}/confirm");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Confirm a held deployment (mass-removal guard), with a reason");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct) =>
        await Send.OkAsync(DeploymentResponse.From(await release.ConfirmAsync(req.Id, req.Reason, Actor.Of(HttpContext), ct)), ct);
}
