using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Api.Features.Subscribers;
using Op25b.Core.Attempts;
using Op25b.Persistence;
using Op25b.Persistence.Attempts;

namespace Op25b.Api.Features.Attempts.Summary;

public sealed class Request
{
    public string ExternalId { get; set; } = "";
    /// <summary>Defaults to seven days before <see cref="To"/>.</summary>
    public DateTimeOffset? From { get; set; }
    /// <summary>Defaults to now.</summary>
    public DateTimeOffset? To { get; set; }
}

public sealed record HourCount(DateTimeOffset Hour, long Attempts, long Packets);

public sealed record Response(string SubscriberExternalId, DateTimeOffset From, DateTimeOffset To, long Attempts, long Packets,
    int DistinctDestinations, DateTimeOffset? FirstSeen, DateTimeOffset? LastSeen, IReadOnlyList<HourCount> PerHour);

/// <summary>"Subscriber X tried N times to M mail servers since T": read from the hourly rollup, never by scanning raw attempts.</summary>
public sealed class Endpoint(AdminDbContext db, TimeProvider clock) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Get("/subscribers/{externalId}/attempt-summary");
        Roles(Allow.AttemptReaders);
        Summary(s => s.Summary = "Per-subscriber port-25 summary: attempts, packets, distinct destinations, first/last seen, per hour");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var subscriber = await SubscriberLookup.RequireAsync(db, req.ExternalId, "externalId", ct);
        var to = req.To?.ToUniversalTime() ?? clock.GetUtcNow();
        var from = req.From?.ToUniversalTime() ?? to.AddDays(-7);
        // From the per-subscriber rollups only: with a busy subscriber, the per-destination rows of
        // a week are ~150,000 and their raw attempts millions.
        var fromHour = RollupBuckets.Hour(from);
        var hours = await db.SubscriberHourRollups.AsNoTracking()
            .Where(r => r.SubscriberId == subscriber.Id && r.Hour >= fromHour && r.Hour < to).ToListAsync(ct);
        var perHour = hours.Select(r => new HourCount(r.Hour, r.Attempts, r.Packets)).ToList();
        var destinations = await db.SubscriberDestinations.AsNoTracking()
            .TriedWithin(from, to).CountAsync(d => d.SubscriberId == subscriber.Id, ct);
        DateTimeOffset? first = hours.Count == 0 ? null : hours.Min(r => r.FirstSeen);
        DateTimeOffset? last = hours.Count == 0 ? null : hours.Max(r => r.LastSeen);
        perHour = perHour.OrderBy(h => h.Hour).ToList();
        await Send.OkAsync(new Response(subscriber.ExternalId, from, to, perHour.Sum(h => h.Attempts), perHour.Sum(h => h.Packets),
            destinations, first, last, perHour), ct);
    }
}
