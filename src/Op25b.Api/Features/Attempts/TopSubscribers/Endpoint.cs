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
    DateTimeOffset FirstHour, DateTimeOffset LastHour);

/// <summary>The subscribers hammering port 25 hardest in a period, from the hourly rollup (never a scan of raw attempts).</summary>
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
        var fromHour = from.AddHours(-1);
        var top = await db.AttemptRollups.AsNoTracking()
            .Where(r => r.SubscriberId != AttemptRollup.Unattributed && r.Hour >= fromHour && r.Hour < to)
            .GroupBy(r => r.SubscriberId)
            .Select(g => new
            {
                SubscriberId = g.Key, Attempts = g.Sum(r => r.Attempts), Packets = g.Sum(r => r.Packets),
                Destinations = g.Select(r => r.DestinationIp).Distinct().Count(), First = g.Min(r => r.Hour), Last = g.Max(r => r.Hour),
            })
            .OrderByDescending(x => x.Attempts).Take(req.Limit)
            .Join(db.Subscribers, x => x.SubscriberId, s => s.Id, (x, s) => new { x, s.ExternalId, s.DisplayName })
            .ToListAsync(ct);
        await Send.OkAsync(top.OrderByDescending(t => t.x.Attempts)
            .Select(t => new Offender(t.ExternalId, t.DisplayName, t.x.Attempts, t.x.Packets, t.x.Destinations, t.x.First, t.x.Last)).ToList(), ct);
    }
}
