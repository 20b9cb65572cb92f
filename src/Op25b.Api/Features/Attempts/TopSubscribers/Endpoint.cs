using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Core.Attempts;
using Op25b.Persistence;

namespace Op25b.Api.Features.Attempts.TopSubscribers;

public sealed class Request
{
    /// <summary>Defaults to seven days before <see cref="To"/>.</summary>
    public DateTimeOffset? From { get; set; }
    /// <summary>Defaults to now.</summary>
    public DateTimeOffset? To { get; set; }
    public int Limit { get; set; } = 100;

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Limit).InclusiveBetween(1, 1000);
            RuleFor(r => r.To).GreaterThan(r => r.From).When(r => r.From is not null && r.To is not null);
        }
    }
}

public sealed record Offender(string SubscriberExternalId, string DisplayName, long Attempts, long Packets, int DistinctDestinations,
    DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>
/// The subscribers hammering port 25 hardest in a period: totals from the per-subscriber hourly
/// rollup, distinct destinations from the subscriber-destination table (a few hundred rows per
/// offender) — never a scan of raw attempts or of the per-destination rollup.
/// </summary>
/// <remarks>
/// Distinct destinations count the servers tried at some time between the window's first and last
/// attempt; exact for windows that end now (the console's 24 h and 7 d), an upper bound for a
/// window in the past when the same server was also tried before and after it.
/// </remarks>
public sealed class Endpoint(AdminDbContext db, TimeProvider clock) : Endpoint<Request, IReadOnlyList<Offender>>
{
    public override void Configure()
    {
        Get("/attempts/top-subscribers");
        Roles(Allow.AttemptReaders);
        Summary(s => s.Summary = "Top subscribers by blocked port-25 attempts in a period (default: last 7 days, top 100)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var to = req.To?.ToUniversalTime() ?? clock.GetUtcNow();
        var from = req.From?.ToUniversalTime() ?? to.AddDays(-7);
        var fromHour = AttemptHours.Floor(from);
        var top = await db.SubscriberHourRollups.AsNoTracking()
            .Where(r => r.SubscriberId != AttemptRollup.Unattributed && r.Hour >= fromHour && r.Hour < to)
            .GroupBy(r => r.SubscriberId)
            .Select(g => new { SubscriberId = g.Key, Attempts = g.Sum(r => r.Attempts), Packets = g.Sum(r => r.Packets), First = g.Min(r => r.FirstSeen), Last = g.Max(r => r.LastSeen) })
            .OrderByDescending(x => x.Attempts).Take(req.Limit)
            .Join(db.Subscribers, x => x.SubscriberId, s => s.Id, (x, s) => new { x, s.ExternalId, s.DisplayName })
            .ToListAsync(ct);
        var ids = top.Select(t => t.x.SubscriberId).ToList();
        var destinations = await db.SubscriberDestinations.AsNoTracking()
            .Where(d => ids.Contains(d.SubscriberId) && d.LastSeen >= from && d.FirstSeen < to)
            .GroupBy(d => d.SubscriberId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        await Send.OkAsync(top.OrderByDescending(t => t.x.Attempts)
            .Select(t => new Offender(t.ExternalId, t.DisplayName, t.x.Attempts, t.x.Packets, destinations.GetValueOrDefault(t.x.SubscriberId),
                t.x.First, t.x.Last)).ToList(), ct);
    }
}
