using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Core.Abuse;

namespace Op25b.Persistence.Abuse;

/// <summary>Filters of the case list; every one optional. Keyset paging on the case id, newest first.</summary>
public sealed record AbuseCaseFilter(
    AbuseCaseState? State = null, bool? Unresolved = null, string? SubscriberExternalId = null, AbuseCaseTrigger? Trigger = null,
    DateTimeOffset? OpenedFrom = null, DateTimeOffset? OpenedTo = null, long? Before = null, int Limit = 50);

/// <summary>Reading abuse cases, for the API, the console and other features' pre-checks.</summary>
public sealed class AbuseCaseQueries(AdminDbContext db)
{
    /// <summary>
    /// "Does this subscriber have an open abuse case?" — open meaning not yet resolved (open,
    /// notified or suspended). The exemption approval queue asks this before granting port 25.
    /// </summary>
    public Task<bool> HasOpenCaseAsync(long subscriberId, CancellationToken ct) =>
        db.AbuseCases.AnyAsync(c => c.SubscriberId == subscriberId && AbuseCaseTransitions.Unresolved.Contains(c.State), ct);

    /// <summary>The subscriber's unresolved case (there is at most one), without its history.</summary>
    public Task<AbuseCase?> FindOpenCaseAsync(long subscriberId, CancellationToken ct) =>
        db.AbuseCases.AsNoTracking().FirstOrDefaultAsync(c => c.SubscriberId == subscriberId && AbuseCaseTransitions.Unresolved.Contains(c.State), ct);

    /// <summary>The case with its subscriber and whole history, tracked so that a change can follow in the same scope.</summary>
    public async Task<AbuseCase> RequireAsync(long id, CancellationToken ct)
    {
        var found = await db.AbuseCases.Include(c => c.Subscriber).Include(c => c.Events.OrderBy(e => e.Id))
            .FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new DomainRuleViolation(ViolationKind.NotFound, "id", $"No abuse case with id {id}.");
        return found;
    }

    /// <summary>Up to <see cref="AbuseCaseFilter.Limit"/> cases, newest first, with their subscribers (not their history).</summary>
    public Task<List<AbuseCase>> ListAsync(AbuseCaseFilter filter, CancellationToken ct)
    {
        var query = db.AbuseCases.AsNoTracking().Include(c => c.Subscriber).AsQueryable();
        if (filter.State is { } state)
            query = query.Where(c => c.State == state);
        if (filter.Unresolved is { } unresolved)
            query = unresolved
                ? query.Where(c => AbuseCaseTransitions.Unresolved.Contains(c.State))
                : query.Where(c => c.State == AbuseCaseState.Resolved);
        if (filter.SubscriberExternalId is { } externalId)
            query = query.Where(c => c.Subscriber!.ExternalId == externalId);
        if (filter.Trigger is { } trigger)
            query = query.Where(c => c.Trigger == trigger);
        if (filter.OpenedFrom is { } from)
            query = query.Where(c => c.OpenedAt >= from);
        if (filter.OpenedTo is { } to)
            query = query.Where(c => c.OpenedAt < to);
        if (filter.Before is { } before)
            query = query.Where(c => c.Id < before);
        return query.OrderByDescending(c => c.Id).Take(filter.Limit).ToListAsync(ct);
    }
}
