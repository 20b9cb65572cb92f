using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.AddressHistory;
using Op25b.Core.Addressing;
using Op25b.Core.Attempts;
using Op25b.Core.Subscribers;
using Op25b.Persistence.Attempts;

namespace Op25b.Api.Tests.Persistence;

/// <summary>The console's and API's figures about attempts, read from the hourly rollup. Run on both providers.</summary>
public abstract class AttemptStatisticsTests(AdminApiFactory api)
{
    // A window of its own, far from other tests' data in the same database.
    private static readonly DateTimeOffset H0 = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Real attempts through the store, so every rollup the statistics read is maintained as in production.</summary>
    private async Task<(long Noisy, long Quiet, string Router)> SeedAsync()
    {
        var router = $"r-{Guid.NewGuid().ToString("N")[..8]}";
        var (noisyIp, quietIp) = ($"100.73.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}", $"100.74.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}");
        long noisy = 0, quiet = 0;
        await api.WithDbAsync(async db =>
        {
            var a = new Subscriber { ExternalId = Provisioning.NewExternalId(), DisplayName = "noisy", ProductCode = "static-business" };
            var b = new Subscriber { ExternalId = Provisioning.NewExternalId(), DisplayName = "quiet", ProductCode = "static-business" };
            db.Subscribers.AddRange(a, b);
            await db.SaveChangesAsync();
            (noisy, quiet) = (a.Id, b.Id);
            foreach (var (id, ip) in new[] { (noisy, noisyIp), (quiet, quietIp) })
                db.AccessSessions.Add(new AccessSession
                {
                    NasId = router, SessionId = ip, SubscriberId = id, FramedIp = IPAddress.Parse(ip), FramedIpKey = AddressKey.Of(IPAddress.Parse(ip)),
                    StartedAt = H0.AddDays(-1),
                });
            await db.SaveChangesAsync();
        });
        var port = 1024;
        IEnumerable<BlockedAttempt> Attempts(DateTimeOffset hour, string source, string destination, int count) =>
            Enumerable.Range(0, count).Select(i => BlockedAttempt.From(new BlockedAttemptRecord(hour.AddSeconds(i), router, IPAddress.Parse(source), port++,
                IPAddress.Parse(destination), 25, "tcp", AttemptAction.Dropped), "test", hour));
        BlockedAttempt[] batch =
        [
            .. Attempts(H0, noisyIp, "203.0.113.25", 40), .. Attempts(H0.AddMinutes(40), noisyIp, "198.51.100.1", 10),
            .. Attempts(H0.AddHours(1), noisyIp, "203.0.113.25", 30), .. Attempts(H0.AddHours(1), quietIp, "203.0.113.25", 5),
            .. Attempts(H0.AddHours(-2), noisyIp, "203.0.113.25", 100), // before the window: must not count
        ];
        await api.WithScopeAsync(sp => sp.GetRequiredService<AttemptStore>().StoreAsync(batch, CancellationToken.None));
        return (noisy, quiet, router);
    }

    private Task<T> StatsAsync<T>(Func<AttemptStatistics, Task<T>> read) =>
        api.WithScopeAsync(sp => read(sp.GetRequiredService<AttemptStatistics>()));

    [Fact]
    public async Task Hourly_totals_top_subscribers_destinations_and_routers_count_only_the_hours_in_the_window()
    {
        var (noisy, quiet, router) = await SeedAsync();
        var from = H0.AddMinutes(30); // the 10:00 bucket overlaps the window, so it counts
        var to = H0.AddHours(2);

        var perHour = await StatsAsync(s => s.PerHourAsync(from, to, noisy, CancellationToken.None));
        Assert.Equal([(H0, 50L), (H0.AddHours(1), 30L)], perHour.Select(h => (h.Hour, h.Attempts)));

        var top = (await StatsAsync(s => s.TopSubscribersAsync(from, to, 1000, CancellationToken.None)))
            .Where(t => t.SubscriberId == noisy || t.SubscriberId == quiet).ToList();
        Assert.Equal([(noisy, 80L, 2), (quiet, 5L, 1)], top.Select(t => (t.SubscriberId, t.Attempts, t.DistinctDestinations)));

        // A week sums whole UTC days from the daily rollup: the attempts two hours before count too.
        var week = (await StatsAsync(s => s.TopSubscribersAsync(H0.AddDays(-3), H0.AddDays(4), 1000, CancellationToken.None)))
            .Single(t => t.SubscriberId == noisy);
        Assert.Equal((180L, 2, H0.AddHours(-2)), (week.Attempts, week.DistinctDestinations, week.FirstSeen));

        var destinations = await StatsAsync(s => s.TopDestinationsAsync(from, to, 10, noisy, CancellationToken.None));
        Assert.Equal([("203.0.113.25", 70L), ("198.51.100.1", 10L)], destinations.Select(d => (d.DestinationIp, d.Attempts)));

        var routers = await StatsAsync(s => s.PerRouterAsync(from, to, CancellationToken.None));
        Assert.Equal(85, routers.Single(r => r.RouterName == router).Attempts);
    }
}

public sealed class AttemptStatisticsTests_on_Sqlite(SqliteApiFactory api) : AttemptStatisticsTests(api), IClassFixture<SqliteApiFactory>;

public sealed class AttemptStatisticsTests_on_Postgres(PostgresApiFactory api) : AttemptStatisticsTests(api), IClassFixture<PostgresApiFactory>;
