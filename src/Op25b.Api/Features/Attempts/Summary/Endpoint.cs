using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Api.Features.Subscribers;
using Op25b.Persistence;

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
        var rollups = db.AttemptRollups.AsNoTracking().Where(r => r.SubscriberId == subscriber.Id && r.Hour >= from.AddHours(-1) && r.Hour < to);
        var perHour = await rollups.GroupBy(r => r.Hour)
            .Select(g => new HourCount(g.Key, g.Sum(r => r.Attempts), g.Sum(r => r.Packets))).ToListAsync(ct);
        var destinations = await rollups.Select(r => r.DestinationIp).Distinct().CountAsync(ct);
        var seen = db.BlockedAttempts.AsNoTracking().Where(a => a.SubscriberId == subscriber.Id && a.OccurredAt >= from && a.OccurredAt < to);
        var first = await seen.OrderBy(a => a.OccurredAt).Select(a => (DateTimeOffset?)a.OccurredAt).FirstOrDefaultAsync(ct);
        var last = await seen.OrderByDescending(a => a.OccurredAt).Select(a => (DateTimeOffset?)a.OccurredAt).FirstOrDefaultAsync(ct);
        perHour = perHour.OrderBy(h => h.Hour).ToList();
        await Send.OkAsync(new Response(subscriber.ExternalId, from, to, perHour.Sum(h => h.Attempts), perHour.Sum(h => h.Packets),
            destinations, first, last, perHour), ct);
    }
}
