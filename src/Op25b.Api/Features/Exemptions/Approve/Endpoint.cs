using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Api.Rollout;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.Exemptions.Approve;

/// <summary>Four-eyes approval: refused when the caller is the requester. Activates at once if the window is open.</summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock, PolicyChangeSignal signal) : Endpoint<DecisionRequest, ExemptionResponse>
{
    public override void Configure()
    {
        Post("/exemptions/{id:long}/approve");
        Roles(Allow.ExemptionDeciders);
        Summary(s => s.Summary = "Approve a requested exemption (not by its requester)");
    }

    public override async Task HandleAsync(DecisionRequest req, CancellationToken ct) =>
        await Send.OkAsync(await ExemptionDecision.ApplyAsync(HttpContext, db, audit, req.Id, "exemption.approved", req.Reason,
            (e, actor) => e.Approve(actor, req.Reason, clock.GetUtcNow()), ct, signal), ct);
}
