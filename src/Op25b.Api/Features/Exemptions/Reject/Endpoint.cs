using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.Exemptions.Reject;

public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock) : Endpoint<ReasonedDecisionRequest, ExemptionResponse>
{
    public override void Configure()
    {
        Post("/exemptions/{id:long}/reject");
        Roles(Allow.ExemptionDeciders);
        Summary(s => s.Summary = "Reject a requested exemption, with a reason");
    }

    public override async Task HandleAsync(ReasonedDecisionRequest req, CancellationToken ct) =>
        await Send.OkAsync(await ExemptionDecision.ApplyAsync(HttpContext, db, audit, req.Id, "exemption.rejected", req.Reason,
            (e, actor) => e.Reject(actor, req.Reason, clock.GetUtcNow()), ct), ct);
}
