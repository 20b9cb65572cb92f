using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Api.Features.Exemptions;
using Op25b.Api.Http;
using Op25b.Api.Rollout;
using Op25b.Core;
using Op25b.Persistence;
using Op25b.Persistence.Audit;
using Op25b.Persistence.Integrity;
using Op25b.Persistence.Exemptions;

namespace Op25b.Api.Features.Subscribers.EndAssignment;

/// <summary>
/// Ends an assignment (the row stays, for history). Ending it again at the same time is a no-op.
/// The subscriber's exemptions of addresses in it end with it, in the same transaction.
/// </summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock, ExemptionsOfAddress exemptions, PolicyChangeSignal signal)
    : Endpoint<Request, AssignmentResponse>
{
    public override void Configure()
    {
        Post("/subscribers/{externalId}/assignments/{id}/end");
        Roles(Allow.Provisioning);
        Summary(s => s.Summary = "End an address assignment at validUntil (default now)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        await using var tx = await SerializedWrite.BeginAsync(db, SerializedWrite.SubscriberKey(req.ExternalId), ct);
        var subscriber = await SubscriberLookup.RequireAsync(db, req.ExternalId, "externalId", ct);
        ETags.RequireMatch(HttpContext, subscriber.Version);
        var assignment = subscriber.Assignments.FirstOrDefault(a => a.Id == req.Id)
            ?? throw new DomainRuleViolation(ViolationKind.NotFound, "id", $"Subscriber '{req.ExternalId}' has no assignment {req.Id}.");
        var now = clock.GetUtcNow();
        var until = req.ValidUntil?.ToUniversalTime() ?? now;

        if (assignment.ValidUntil is { } ended)
        {
            if (req.ValidUntil is null || ended == until)
            {
                await Send.OkAsync(AssignmentResponse.From(assignment), ct);
                return;
            }
            throw new DomainRuleViolation(ViolationKind.Conflict, "validUntil", $"The assignment already ended at {ended:O}.");
        }
        if (until <= assignment.ValidFrom)
            throw new DomainRuleViolation(ViolationKind.Invalid, "validUntil", "validUntil must be after the assignment's validFrom.");

        var before = AssignmentResponse.From(assignment);
        assignment.ValidUntil = until;
        subscriber.Version++;
        subscriber.UpdatedAt = now;
        audit.Record(Actor.Of(HttpContext), new AuditRecord("assignment.ended", "subscriber", subscriber.ExternalId, before,
            AssignmentResponse.From(assignment)));
        var endedExemptions = await exemptions.EndDependentAsync(subscriber, Actor.Of(HttpContext),
            $"Assignment {assignment.Prefix} of subscriber '{subscriber.ExternalId}' ends at {until:O}.", now, ExemptionResponse.From, ct);
        await audit.SaveAsync(ct);
        await tx.CommitAsync(ct);
        if (endedExemptions.Count > 0)
            signal.Notify($"{endedExemptions.Count} exemption(s) ended with assignment {assignment.Prefix}", Actor.NameOf(User));
        ETags.Set(HttpContext, subscriber.Version);
        await Send.OkAsync(AssignmentResponse.From(assignment), ct);
    }
}
