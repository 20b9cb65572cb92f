using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Core.Abuse;
using Op25b.Persistence.Audit;

namespace Op25b.Persistence.Abuse;

/// <summary>
/// Every change to an abuse case: the entity change, its history line and its audit entry are
/// saved in one transaction (<see cref="AuditTrail"/>). Shared by the API, the offender job and
/// the console. Callers that want optimistic concurrency load the case with
/// <see cref="AbuseCaseQueries.RequireAsync"/> in the same scope, compare its version, then call here.
/// </summary>
public sealed class AbuseCaseService(AdminDbContext db, AuditTrail audit, AbuseCaseQueries queries, TimeProvider clock)
{
    public const string EntityType = "abuse-case";

    /// <summary>Opens a case; a conflict (409, field <c>subscriberExternalId</c>) when the subscriber already has an unresolved one.</summary>
    public async Task<AbuseCase> OpenAsync(long subscriberId, AbuseCaseTrigger trigger, string reason, AuditActor actor, CancellationToken ct,
        OffenderFinding? figures = null, string? note = null)
    {
        await RequireNoOpenCaseAsync(subscriberId, ct);
        var opened = AbuseCase.Open(subscriberId, trigger, reason, actor.Name, clock.GetUtcNow(), figures, note);
        db.AbuseCases.Add(opened);
        audit.Record(actor, new AuditRecord("abuse-case.opened", EntityType, () => opened.Id.ToString(), null,
            () => AbuseCaseAuditView.Of(opened), note ?? reason));
        try
        {
            await audit.SaveAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another opener and the unique index held: forget this attempt and
            // answer as if we had checked second (409), so the scope stays usable.
            audit.DiscardPending();
            foreach (var e in opened.Events)
                db.Entry(e).State = EntityState.Detached;
            db.Entry(opened).State = EntityState.Detached;
            await RequireNoOpenCaseAsync(subscriberId, ct);
            throw;
        }
        return opened;
    }

    /// <summary>Moves the case along the state machine; a conflict (409, field <c>targetState</c>) when the move is not allowed.</summary>
    public async Task<AbuseCase> TransitionAsync(long id, AbuseCaseState target, string? note, AuditActor actor, CancellationToken ct)
    {
        var c = await queries.RequireAsync(id, ct);
        var before = AbuseCaseAuditView.Of(c);
        c.TransitionTo(target, actor.Name, string.IsNullOrWhiteSpace(note) ? null : note, clock.GetUtcNow());
        audit.Record(actor, new AuditRecord($"abuse-case.{AbuseCaseTransitions.Name(target)}", EntityType, id.ToString(), before, AbuseCaseAuditView.Of(c), note));
        await audit.SaveAsync(ct);
        return c;
    }

    public async Task<AbuseCase> AddNoteAsync(long id, string note, AuditActor actor, CancellationToken ct)
    {
        var c = await queries.RequireAsync(id, ct);
        var before = AbuseCaseAuditView.Of(c);
        c.AddNote(actor.Name, note, clock.GetUtcNow());
        audit.Record(actor, new AuditRecord("abuse-case.note-added", EntityType, id.ToString(), before, AbuseCaseAuditView.Of(c), note));
        await audit.SaveAsync(ct);
        return c;
    }

    private async Task RequireNoOpenCaseAsync(long subscriberId, CancellationToken ct)
    {
        if (await queries.FindOpenCaseAsync(subscriberId, ct) is { } existing)
            throw new DomainRuleViolation(ViolationKind.Conflict, "subscriberExternalId",
                $"The subscriber already has abuse case {existing.Id} ({AbuseCaseTransitions.Name(existing.State)}); add to that one or resolve it first.");
    }
}
