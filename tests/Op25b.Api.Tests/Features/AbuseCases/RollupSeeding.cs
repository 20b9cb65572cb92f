using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Attempts;

namespace Op25b.Api.Tests.Features.AbuseCases;

/// <summary>
/// Writes hourly rollup rows the way attempt storage maintains them, so offender tests can lay
/// out two weeks of history without storing millions of raw attempts (which detection never reads).
/// </summary>
public static class RollupSeeding
{
    public static DateTimeOffset HourOf(DateTimeOffset t) => RollupBuckets.Hour(t);

    /// <summary>Adds per-destination rows and the per-subscriber hours they sum to (assumes those hours are new).</summary>
    public static Task AddAsync(AdminApiFactory api, IEnumerable<AttemptRollup> rows) => api.WithDbAsync(async db =>
    {
        var list = rows.ToList();
        db.AttemptRollups.AddRange(list);
        db.SubscriberHourRollups.AddRange(list.GroupBy(r => (r.Hour, r.SubscriberId)).Select(g => new SubscriberHourRollup
        {
            Hour = g.Key.Hour, SubscriberId = g.Key.SubscriberId, Attempts = g.Sum(r => r.Attempts), Packets = g.Sum(r => r.Packets),
            FirstSeen = g.Key.Hour, LastSeen = g.Key.Hour.AddMinutes(59),
        }));
        await db.SaveChangesAsync();
    });

    public static AttemptRollup Row(long subscriberId, DateTimeOffset hour, long attempts, string destination = "203.0.113.9", string router = "bng-1") =>
        new() { SubscriberId = subscriberId, Hour = hour, RouterName = router, DestinationIp = destination, Attempts = attempts, Packets = attempts };

    /// <summary>The same attempts in every hour of the 14 days before the observed hours.</summary>
    public static IEnumerable<AttemptRollup> Baseline(long subscriberId, DateTimeOffset now, long perHour) =>
        Enumerable.Range(2, 14 * 24).Select(h => Row(subscriberId, HourOf(now).AddHours(-h), perHour));
}
