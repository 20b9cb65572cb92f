using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.AddressHistory;
using Op25b.Core.Addressing;
using Op25b.Core.Attempts;
using Op25b.Core.Subscribers;
using Op25b.Persistence.Attempts;
using Op25b.Persistence.Retention;

namespace Op25b.Api.Tests.Persistence;

/// <summary>
/// The last-seen-day histogram behind distinct destinations: always equal to the subscriber-destination
/// table whoever writes it, and read back to the same counts as counting that table. Run on both providers.
/// </summary>
public abstract class DistinctDestinationsTests(AdminApiFactory api)
{
    private static readonly DateTimeOffset D = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);
    private static int _sources;
    private int _port = 1024;

    private async Task<(long Id, string Source)> SubscriberAsync(bool withSession = true)
    {
        var n = Interlocked.Increment(ref _sources);
        var source = $"100.75.{n / 250}.{1 + n % 250}";
        var subscriber = new Subscriber { ExternalId = Provisioning.NewExternalId(), DisplayName = "histogram", ProductCode = "static-business" };
        await api.WithDbAsync(async db =>
        {
            db.Subscribers.Add(subscriber);
            await db.SaveChangesAsync();
        });
        if (withSession)
            await OpenSessionAsync(subscriber.Id, source);
        return (subscriber.Id, source);
    }

    private Task OpenSessionAsync(long subscriberId, string source) => api.WithDbAsync(async db =>
    {
        db.AccessSessions.Add(new AccessSession
        {
            NasId = "histogram-nas", SessionId = source, SubscriberId = subscriberId, FramedIp = IPAddress.Parse(source),
            FramedIpKey = AddressKey.Of(IPAddress.Parse(source)), StartedAt = D.AddYears(-1),
        });
        await db.SaveChangesAsync();
    });

    private BlockedAttempt Attempt(string source, DateTimeOffset at, string server) =>
        BlockedAttempt.From(new BlockedAttemptRecord(at, "bng-h", IPAddress.Parse(source), Interlocked.Increment(ref _port), IPAddress.Parse(server), 25,
            "tcp", AttemptAction.Dropped), "test", at);

    private Task StoreAsync(params BlockedAttempt[] attempts) =>
        api.WithScopeAsync(sp => sp.GetRequiredService<AttemptStore>().StoreAsync(attempts, CancellationToken.None));

    /// <summary>The histogram's non-zero rows are exactly the subscriber-destination rows counted by subscriber and day of last_seen.</summary>
    private Task AssertHistogramEqualsDestinationsAsync() => api.WithDbAsync(async db =>
    {
        var destinations = await db.SubscriberDestinations.AsNoTracking().Select(d => new { d.SubscriberId, d.LastSeen }).ToListAsync();
        var expected = destinations.GroupBy(d => (d.SubscriberId, Day: RollupBuckets.Day(d.LastSeen).UtcTicks))
            .Select(g => (g.Key.SubscriberId, g.Key.Day, (long)g.Count())).Order().ToList();
        var histogram = await db.SubscriberLastSeenDays.AsNoTracking().Where(h => h.Destinations != 0).ToListAsync();
        Assert.Equal(expected, histogram.Select(h => (h.SubscriberId, h.Day.UtcTicks, h.Destinations)).Order().ToList());
    });

    private Task<List<(DateTimeOffset Day, long Destinations)>> HistogramOfAsync(long subscriberId) => api.WithScopeAsync(async sp =>
        (await sp.GetRequiredService<Op25b.Persistence.AdminDbContext>().SubscriberLastSeenDays.AsNoTracking()
            .Where(h => h.SubscriberId == subscriberId && h.Destinations != 0).ToListAsync())
        .Select(h => (h.Day, h.Destinations)).OrderBy(h => h.Day).ToList());

    [Fact]
    public async Task The_last_seen_day_histogram_follows_the_subscriber_destinations_through_ingest_late_attribution_and_retention()
    {
        var (a, sourceA) = await SubscriberAsync();
        await StoreAsync(Attempt(sourceA, D.AddHours(1), "192.0.2.1"), Attempt(sourceA, D.AddHours(2), "192.0.2.2"),
            Attempt(sourceA, D.AddHours(3), "192.0.2.3"), Attempt(sourceA, D.AddHours(23), "192.0.2.4"));
        Assert.Equal([(D, 4L)], await HistogramOfAsync(a));

        // Writers at once, moving servers into later days, adding one, and one attempt older than the last: it moves nothing.
        await Task.WhenAll(
            StoreAsync(Attempt(sourceA, D.AddDays(1).AddHours(1), "192.0.2.1"), Attempt(sourceA, D.AddDays(1).AddHours(2), "192.0.2.5")),
            StoreAsync(Attempt(sourceA, D.AddDays(1).AddHours(3), "192.0.2.2"), Attempt(sourceA, D.AddDays(-1), "192.0.2.4")),
            StoreAsync(Attempt(sourceA, D.AddDays(2), "192.0.2.3")),
            StoreAsync(Attempt(sourceA, D.AddDays(1).AddHours(5), "192.0.2.1"), Attempt(sourceA, D.AddHours(22), "192.0.2.3")));
        Assert.Equal([(D, 1L), (D.AddDays(1), 3L), (D.AddDays(2), 1L)], await HistogramOfAsync(a));
        await AssertHistogramEqualsDestinationsAsync();

        // Attempts stored before anyone was known to hold the source reach the histogram when attributed late.
        var (b, sourceB) = await SubscriberAsync(withSession: false);
        await StoreAsync(Attempt(sourceB, D, "192.0.2.1"), Attempt(sourceB, D.AddDays(2), "192.0.2.1"), Attempt(sourceB, D.AddDays(1), "192.0.2.9"));
        Assert.Empty(await HistogramOfAsync(b));
        await OpenSessionAsync(b, sourceB);
        await api.WithScopeAsync(sp => sp.GetRequiredService<LateAttribution>().RunAsync(D.AddDays(-1), 10_000, CancellationToken.None));
        Assert.Equal([(D.AddDays(1), 1L), (D.AddDays(2), 1L)], await HistogramOfAsync(b));
        await AssertHistogramEqualsDestinationsAsync();

        // Retention deletes servers last tried before the cutoff, and with them their days; a server tried since stays.
        var (c, sourceC) = await SubscriberAsync();
        var old = api.Clock.GetUtcNow().AddDays(-200);
        await StoreAsync(Attempt(sourceC, old, "192.0.2.1"), Attempt(sourceC, old.AddHours(1), "192.0.2.2"), Attempt(sourceC, old.AddDays(1), "192.0.2.3"));
        await StoreAsync(Attempt(sourceC, D, "192.0.2.3"));
        Assert.Equal([(RollupBuckets.Day(old), 2L), (D, 1L)], await HistogramOfAsync(c));
        await api.WithScopeAsync(sp => sp.GetRequiredService<RetentionPurge>().RunAsync(new RetentionPolicy { AttemptsDays = 180 }, CancellationToken.None));
        Assert.Equal([(D, 1L)], await HistogramOfAsync(c));
        await AssertHistogramEqualsDestinationsAsync();
        await api.WithDbAsync(async db => Assert.False(await db.SubscriberLastSeenDays.AnyAsync(h => h.SubscriberId == c && h.Day < D)));
    }

    [Fact]
    public async Task Distinct_destinations_from_the_histogram_equal_a_count_of_the_servers_tried_in_any_window()
    {
        var (e, sourceE) = await SubscriberAsync();
        var (f, sourceF) = await SubscriberAsync();
        await StoreAsync(
            Attempt(sourceE, D.AddHours(1), "198.51.100.1"), Attempt(sourceE, D.AddDays(2).AddHours(10), "198.51.100.1"),
            Attempt(sourceE, D.AddHours(5), "198.51.100.2"),
            Attempt(sourceE, D.AddHours(20), "198.51.100.3"),
            Attempt(sourceE, D.AddDays(1).AddHours(12), "198.51.100.4"), Attempt(sourceE, D.AddDays(3).AddHours(8), "198.51.100.4"),
            Attempt(sourceE, D.AddDays(3).AddHours(9), "198.51.100.5"),
            Attempt(sourceF, D.AddDays(1).AddHours(3), "198.51.100.1"),
            Attempt(sourceF, D.AddDays(3).AddHours(23), "198.51.100.2"));

        (DateTimeOffset From, DateTimeOffset To)[] windows =
        [
            (D, D.AddDays(5)), // from midnight: whole days
            (D.AddHours(3), D.AddDays(5)), // cuts a day holding servers last seen before and after the start
            (D.AddDays(1).AddHours(6), D.AddDays(5)), // cuts a day holding only F's server, last seen before the start
            (D.AddDays(1).AddHours(13), D.AddDays(7)), // cuts a day with no last-seen server
            (D.AddDays(2).AddHours(12), D.AddDays(3).AddHours(8).AddMinutes(30)), // ends before E's and F's last servers were first tried
            (D.AddDays(-1), D.AddDays(1)), // ends in the past
            (D.AddDays(3).AddHours(8).AddMinutes(30), D.AddDays(10)),
            (D.AddDays(4), D.AddDays(11)), // nothing since
        ];
        foreach (var (from, to) in windows)
        {
            var (fromHistogram, counted) = await api.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<Op25b.Persistence.AdminDbContext>();
                var histogram = await DistinctDestinations.CountAsync(db, [e, f], from, to, CancellationToken.None);
                var counted = await db.SubscriberDestinations.AsNoTracking().TriedWithin(from, to).Where(d => d.SubscriberId == e || d.SubscriberId == f)
                    .GroupBy(d => d.SubscriberId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
                return (histogram, counted);
            });
            Assert.True(counted.OrderBy(c => c.Key).SequenceEqual(fromHistogram.Where(h => h.Value != 0).OrderBy(h => h.Key)),
                $"[{from:u}, {to:u}): counted {string.Join(", ", counted)}, from the histogram {string.Join(", ", fromHistogram)}");
        }
    }
}

public sealed class DistinctDestinationsTests_on_Sqlite(SqliteApiFactory api) : DistinctDestinationsTests(api), IClassFixture<SqliteApiFactory>;

public sealed class DistinctDestinationsTests_on_Postgres(PostgresApiFactory api) : DistinctDestinationsTests(api), IClassFixture<PostgresApiFactory>;
