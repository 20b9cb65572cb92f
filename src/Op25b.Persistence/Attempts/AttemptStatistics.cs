using Microsoft.EntityFrameworkCore;
using Op25b.Core.Attempts;

namespace Op25b.Persistence.Attempts;

public sealed record HourTotal(DateTimeOffset Hour, long Attempts);

public sealed record SubscriberTotal(long SubscriberId, string ExternalId, string DisplayName, long Attempts, long Packets,
    int DistinctDestinations, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

public sealed record DestinationTotal(string DestinationIp, long Attempts, int Subscribers);

public sealed record RouterTotal(string RouterName, long Attempts);

/// <summary>
/// Read-side figures about blocked attempts for the console and the API, each from the rollup
/// shaped for it. Never a scan of raw attempts, nor of the per-destination hourly rollup across
/// everyone: with tens of millions of attempts a page must still answer in a fraction of a
/// second. An hour bucket counts when it overlaps [from, to).
/// </summary>
public sealed class AttemptStatistics(AdminDbContext db)
{
    private sealed class WindowTotal
    {
        public long SubscriberId { get; init; }
        public long Attempts { get; init; }
        public long Packets { get; init; }
        public DateTimeOffset First { get; init; }
        public DateTimeOffset Last { get; init; }
    }

    /// <summary>
    /// Windows longer than two days sum the daily rollup over the whole UTC days they overlap
    /// (seven rows a subscriber for a week, where hours would be 168); shorter ones sum hours.
    /// </summary>
    private IQueryable<WindowTotal> TotalsPerSubscriber(DateTimeOffset from, DateTimeOffset to)
    {
        if (to - from > TimeSpan.FromHours(48))
        {
            var firstDay = RollupBuckets.Day(from);
            return db.SubscriberDayRollups.AsNoTracking()
                .Where(r => r.SubscriberId != AttemptRollup.Unattributed && r.Day >= firstDay && r.Day < to)
                .GroupBy(r => r.SubscriberId)
                .Select(g => new WindowTotal { SubscriberId = g.Key, Attempts = g.Sum(r => r.Attempts), Packets = g.Sum(r => r.Packets), First = g.Min(r => r.FirstSeen), Last = g.Max(r => r.LastSeen) });
        }
        var fromHour = RollupBuckets.Hour(from);
        return db.SubscriberHourRollups.AsNoTracking()
            .Where(r => r.SubscriberId != AttemptRollup.Unattributed && r.Hour >= fromHour && r.Hour < to)
            .GroupBy(r => r.SubscriberId)
            .Select(g => new WindowTotal { SubscriberId = g.Key, Attempts = g.Sum(r => r.Attempts), Packets = g.Sum(r => r.Packets), First = g.Min(r => r.FirstSeen), Last = g.Max(r => r.LastSeen) });
    }

    /// <summary>Attempts per hour: one subscriber's from their hourly rollup, everyone's from the per-router one.</summary>
    public async Task<IReadOnlyList<HourTotal>> PerHourAsync(DateTimeOffset from, DateTimeOffset to, long? subscriberId, CancellationToken ct)
    {
        var firstHour = from.AddHours(-1);
        var hours = subscriberId is { } id
            ? await db.SubscriberHourRollups.AsNoTracking().Where(r => r.SubscriberId == id && r.Hour > firstHour && r.Hour < to)
                .Select(r => new HourTotal(r.Hour, r.Attempts)).ToListAsync(ct)
            : await db.RouterHourRollups.AsNoTracking().Where(r => r.Hour > firstHour && r.Hour < to)
                .GroupBy(r => r.Hour).Select(g => new HourTotal(g.Key, g.Sum(r => r.Attempts))).ToListAsync(ct);
        return hours.OrderBy(h => h.Hour).ToList();
    }

    /// <summary>
    /// The subscribers hammering port 25 hardest in a period: totals from the per-subscriber hourly
    /// or daily rollup, distinct destinations from the last-seen-day histogram (a few rows per
    /// offender) — never the per-destination rollup, which holds millions of rows a week.
    /// </summary>
    /// <remarks>Distinct destinations: see <see cref="DistinctDestinations"/>.</remarks>
    public async Task<IReadOnlyList<SubscriberTotal>> TopSubscribersAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct)
    {
        var top = await TotalsPerSubscriber(from, to)
            .OrderByDescending(x => x.Attempts).Take(limit)
            .Join(db.Subscribers, x => x.SubscriberId, s => s.Id, (x, s) => new { x, s.ExternalId, s.DisplayName })
            .ToListAsync(ct);
        var ids = top.Select(t => t.x.SubscriberId).ToList();
        var destinations = await DistinctDestinations.CountAsync(db, ids, from, to, ct);
        return top.OrderByDescending(t => t.x.Attempts).ThenBy(t => t.ExternalId)
            .Select(t => new SubscriberTotal(t.x.SubscriberId, t.ExternalId, t.DisplayName, t.x.Attempts, t.x.Packets,
                destinations.GetValueOrDefault(t.x.SubscriberId), t.x.First, t.x.Last))
            .ToList();
    }

    /// <summary>
    /// The mail servers tried most: one subscriber's from the per-destination hourly rollup (their
    /// rows only), everyone's from the per-destination daily rollup — whole UTC days overlapping the
    /// window — with the subscribers behind each from the subscriber-destination table.
    /// </summary>
    public async Task<IReadOnlyList<DestinationTotal>> TopDestinationsAsync(DateTimeOffset from, DateTimeOffset to, int limit, long? subscriberId,
        CancellationToken ct)
    {
        if (subscriberId is { } id)
        {
            var firstHour = from.AddHours(-1);
            var mine = await db.AttemptRollups.AsNoTracking().Where(r => r.SubscriberId == id && r.Hour > firstHour && r.Hour < to)
                .GroupBy(r => r.DestinationIp).Select(g => new { g.Key, Attempts = g.Sum(r => r.Attempts) })
                .OrderByDescending(d => d.Attempts).Take(limit).ToListAsync(ct);
            return mine.Select(d => new DestinationTotal(d.Key, d.Attempts, 1)).OrderByDescending(d => d.Attempts).ThenBy(d => d.DestinationIp).ToList();
        }
        var firstDay = RollupBuckets.Day(from);
        var top = await db.DestinationDayRollups.AsNoTracking().Where(r => r.Day >= firstDay && r.Day < to)
            .GroupBy(r => r.DestinationIp).Select(g => new { g.Key, Attempts = g.Sum(r => r.Attempts) })
            .OrderByDescending(d => d.Attempts).Take(limit).ToListAsync(ct);
        var servers = top.Select(d => d.Key).ToList();
        var subscribers = await db.SubscriberDestinations.AsNoTracking()
            .TriedWithin(from, to).Where(d => servers.Contains(d.DestinationIp))
            .GroupBy(d => d.DestinationIp).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return top.Select(d => new DestinationTotal(d.Key, d.Attempts, subscribers.GetValueOrDefault(d.Key)))
            .OrderByDescending(d => d.Attempts).ThenBy(d => d.DestinationIp).ToList();
    }

    public async Task<IReadOnlyList<RouterTotal>> PerRouterAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var firstHour = from.AddHours(-1);
        var routers = await db.RouterHourRollups.AsNoTracking().Where(r => r.Hour > firstHour && r.Hour < to)
            .GroupBy(r => r.RouterName).Select(g => new RouterTotal(g.Key, g.Sum(r => r.Attempts))).ToListAsync(ct);
        return routers.OrderByDescending(r => r.Attempts).ThenBy(r => r.RouterName).ToList();
    }
}
