using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Api.Rollout;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.Exemptions.Revoke;

/// <summary>Revokes at once, e.g. on abuse. The reason is required and kept with the exemption.</summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock, PolicyChangeSignal signal) : Endpoint<ReasonedDecisionRequest, ExemptionResponse>
{
    public override void Configure()
    {
        Post("/exemptions/{id:long}/revoke");
        Roles(Allow.ExemptionDeciders);
        Summary(s => s.Summary = "Revoke an approved or active exemption at once, with a reason");
    }

    public override async Task HandleAsync(ReasonedDecisionRequest req, CancellationToken ct) =>
        await Send.OkAsync(await ExemptionDecision.ApplyAsync(HttpContext, db, audit, req.Id, "exemption.revoked", req.Reason,
            (e, actor) => e.Revoke(actor, req.Reason, clock.GetUtcNow()), ct, signal), ct);
}
