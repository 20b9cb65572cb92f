using Microsoft.EntityFrameworkCore;
using Op25b.Core.Attempts;

namespace Op25b.Persistence.Attempts;

/// <summary>
/// How many mail servers each of some subscribers tried in a window, with the meaning of
/// <see cref="SubscriberDestinationQueries.TriedWithin"/> (last seen at or after the window's start,
/// first seen before its end), read from the last-seen-day histogram instead of counting every
/// server of every subscriber.
/// </summary>
/// <remarks>
/// Servers last seen at or after <c>from</c> are the histogram's days from <c>from</c> on, plus
/// those of <c>from</c>'s own day last seen after <c>from</c>. The histogram answers alone when
/// that day has none of the subscriber's servers (or <c>from</c> is midnight) and the subscriber
/// tried nothing at or after <c>to</c> (else a server first seen then would be counted; the daily
/// rollup's exact last attempt says). Otherwise that subscriber's servers are counted as before:
/// exact either way, and the count is only needed for windows cutting a day that holds last-seen
/// servers, or ending in the past.
/// </remarks>
public static class DistinctDestinations
{
    public static async Task<Dictionary<long, int>> CountAsync(AdminDbContext db, IReadOnlyCollection<long> subscriberIds, DateTimeOffset from,
        DateTimeOffset to, CancellationToken ct)
    {
        var firstDay = RollupBuckets.Day(from);
        var days = await db.SubscriberLastSeenDays.AsNoTracking()
            .Where(h => subscriberIds.Contains(h.SubscriberId) && h.Day >= firstDay && h.Destinations != 0)
            .Select(h => new { h.SubscriberId, h.Day, h.Destinations })
            .ToListAsync(ct);
        var lastDay = RollupBuckets.Day(to);
        var triedSinceEnd = await db.SubscriberDayRollups.AsNoTracking()
            .Where(r => subscriberIds.Contains(r.SubscriberId) && r.Day >= lastDay && r.LastSeen >= to)
            .Select(r => r.SubscriberId).Distinct().ToListAsync(ct);
        var cutDay = days.Where(h => h.Day < from).Select(h => h.SubscriberId);
        var counted = cutDay.Concat(triedSinceEnd).ToHashSet();

        var counts = days.Where(h => h.Day >= from && !counted.Contains(h.SubscriberId))
            .GroupBy(h => h.SubscriberId).ToDictionary(g => g.Key, g => (int)g.Sum(h => h.Destinations));
        if (counted.Count == 0)
            return counts;
        var exact = await db.SubscriberDestinations.AsNoTracking()
            .TriedWithin(from, to).Where(d => counted.Contains(d.SubscriberId))
            .GroupBy(d => d.SubscriberId).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var subscriber in exact)
            counts[subscriber.Key] = subscriber.Count;
        return counts;
    }
}
