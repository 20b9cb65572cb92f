using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Api.Rollout;
using Op25b.Persistence;
using Op25b.Persistence.Abuse;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.Exemptions.Approve;

/// <summary>Four-eyes approval: refused when the caller is the requester. Activates at once if the window is open.</summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock, PolicyChangeSignal signal, AbuseCaseQueries abuseCases) : Endpoint<DecisionRequest, ExemptionResponse>
{
    public override void Configure()
    {
        Post("/exemptions/{id:long}/approve");
        Roles(Allow.ExemptionDeciders);
        Summary(s => s.Summary = "Approve a requested exemption (not by its requester)");
    }

    /// <summary>An open abuse case does not block the approval (four-eyes already applies) but is said in the answer.</summary>
    public override async Task HandleAsync(DecisionRequest req, CancellationToken ct)
    {
        var approved = await ExemptionDecision.ApplyAsync(HttpContext, db, audit, req.Id, "exemption.approved", req.Reason,
            (e, actor) => e.Approve(actor, req.Reason, clock.GetUtcNow()), ct, signal);
        var subscriberId = (await ExemptionLookup.RequireAsync(db, req.Id, ct)).SubscriberId;
        await Send.OkAsync(approved with { Warnings = AbuseCaseWarning.Merge(approved.Warnings, await AbuseCaseWarning.ForAsync(abuseCases, subscriberId, ct)) }, ct);
    }
}
