using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Core.Attempts;
using Op25b.Persistence;
using Op25b.Persistence.Attempts;
using Op25b.Persistence.Retention;

namespace Op25b.Api.Tests.Persistence;

/// <summary>Storing attempts: attribution, exactly-once storage on resend, hourly rollups. Run on both providers.</summary>
public abstract class AttemptStoreTests(AdminApiFactory api)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 31, 22, 59, 30, TimeSpan.Zero);

    private static BlockedAttempt Attempt(string source, DateTimeOffset at, string destination = "203.0.113.9", int sourcePort = 40000) =>
        BlockedAttempt.From(new BlockedAttemptRecord(at, "bng-1", IPAddress.Parse(source), sourcePort, IPAddress.Parse(destination), 25, "tcp",
            AttemptAction.Dropped), "test", at);

    private Task<StoreResult> StoreAsync(params BlockedAttempt[] attempts) =>
        api.WithScopeAsync(sp => sp.GetRequiredService<AttemptStore>().StoreAsync(attempts, CancellationToken.None));

    [Fact]
    public async Task Attempts_are_attributed_stored_once_and_counted_in_the_hourly_rollup_across_days()
    {
        var collector = await api.ClientWithRolesAsync("radius", Roles.Provisioning);
        var subscriber = await Provisioning.SubscriberAsync(collector, "dynamic-residential");
        var source = $"100.66.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";
        await (await collector.PostAsJsonAsync("/api/v1/accounting-events", new
        {
            events = new[] { new { type = "start", nasId = $"nas-{source}", sessionId = "x", receivedAt = T0.AddHours(-1), subscriberExternalId = subscriber, framedIp = source } },
        })).ExpectAsync(HttpStatusCode.OK);

        var batch = new[]
        {
            Attempt(source, T0), Attempt(source, T0.AddSeconds(1), sourcePort: 40001),
            Attempt(source, T0.AddMinutes(1), "198.51.100.25"), // next UTC day: another partition on PostgreSQL
            Attempt("100.127.254.254", T0), // nobody holds it: stays unattributed
        };
        var first = await StoreAsync(batch);
        Assert.Equal(new StoreResult(4, 0, 3), first);
        var resend = await StoreAsync(batch.Select(a => Attempt(a.SourceIp.ToString(), a.OccurredAt, a.DestinationIp.ToString(), a.SourcePort!.Value)).ToArray());
        Assert.Equal(0, resend.Inserted);
        Assert.Equal(4, resend.Duplicates);

        await api.WithDbAsync(async db =>
        {
            var subscriberId = await db.Subscribers.Where(s => s.ExternalId == subscriber).Select(s => s.Id).SingleAsync();
            Assert.Equal(3, await db.BlockedAttempts.CountAsync(a => a.SubscriberId == subscriberId));
            var rollups = await db.AttemptRollups.Where(r => r.SubscriberId == subscriberId).OrderBy(r => r.Hour).ToListAsync();
            Assert.Equal([2L, 1L], rollups.Select(r => r.Attempts));
            Assert.Equal(new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero), rollups[0].Hour);
            var hours = await db.SubscriberHourRollups.Where(r => r.SubscriberId == subscriberId).OrderBy(r => r.Hour).ToListAsync();
            Assert.Equal([2L, 1L], hours.Select(r => r.Attempts));
            Assert.Equal((T0, T0.AddSeconds(1)), (hours[0].FirstSeen, hours[0].LastSeen));
            var destinations = await db.SubscriberDestinations.Where(d => d.SubscriberId == subscriberId).OrderBy(d => d.DestinationIp).ToListAsync();
            Assert.Equal([("198.51.100.25", 1L), ("203.0.113.9", 2L)], destinations.Select(d => (d.DestinationIp, d.Attempts)));
            Assert.True(await db.AttemptRollups.AnyAsync(r => r.SubscriberId == AttemptRollup.Unattributed));
        });
    }

    [Fact]
    public async Task Attempts_stored_before_their_session_was_known_are_attributed_when_it_arrives_and_the_rollup_follows()
    {
        var collector = await api.ClientWithRolesAsync("radius", Roles.Provisioning);
        var subscriber = await Provisioning.SubscriberAsync(collector, "dynamic-residential");
        var source = $"100.67.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";
        var at = T0.AddDays(-1);
        Assert.Equal(0, (await StoreAsync(Attempt(source, at), Attempt(source, at.AddSeconds(5), sourcePort: 40002))).Attributed);

        await (await collector.PostAsJsonAsync("/api/v1/accounting-events", new
        {
            events = new[] { new { type = "start", nasId = $"nas-{source}", sessionId = "late", receivedAt = at.AddHours(-1), subscriberExternalId = subscriber, framedIp = source } },
        })).ExpectAsync(HttpStatusCode.OK);
        var attributed = await api.WithScopeAsync(sp => sp.GetRequiredService<LateAttribution>().RunAsync(at.AddDays(-1), 10_000, CancellationToken.None));
        Assert.True(attributed >= 2);

        await api.WithDbAsync(async db =>
        {
            var subscriberId = await db.Subscribers.Where(s => s.ExternalId == subscriber).Select(s => s.Id).SingleAsync();
            Assert.Equal(2, await db.BlockedAttempts.CountAsync(a => a.SubscriberId == subscriberId));
            Assert.Equal(2, await db.AttemptRollups.Where(r => r.SubscriberId == subscriberId).SumAsync(r => r.Attempts));
            Assert.Equal(2, await db.SubscriberHourRollups.Where(r => r.SubscriberId == subscriberId).SumAsync(r => r.Attempts));
            Assert.Equal(1, await db.SubscriberDestinations.CountAsync(d => d.SubscriberId == subscriberId));
            var hour = RollupBuckets.Hour(at);
            Assert.Equal(0, await db.AttemptRollups.Where(r => r.SubscriberId == 0 && r.Hour == hour && r.RouterName == "bng-1"
                && r.DestinationIp == "203.0.113.9").SumAsync(r => r.Attempts));
        });
    }

    [Fact]
    public async Task Retention_removes_attempts_past_their_days_and_audits_only_the_counts()
    {
        var old = api.Clock.GetUtcNow().AddDays(-400);
        var source = $"100.68.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";
        await StoreAsync(Attempt(source, old), Attempt(source, old.AddSeconds(1), sourcePort: 40003));
        var counts = await api.WithScopeAsync(sp => sp.GetRequiredService<RetentionPurge>()
            .RunAsync(new RetentionPolicy { AttemptsDays = 180 }, CancellationToken.None));
        Assert.True(counts.Attempts >= 2);
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        var entry = (await (await auditor.GetAsync("/api/v1/audit?action=retention.purged")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray().Last()!;
        Assert.Contains("\"attempts\"", entry["after"]!.GetValue<string>());
        Assert.DoesNotContain(source, entry["after"]!.GetValue<string>());
        await api.WithDbAsync(async db => Assert.False(await db.BlockedAttempts.AnyAsync(a => a.OccurredAt < old.AddDays(1))));
    }
}

public sealed class AttemptStoreTests_on_Sqlite(SqliteApiFactory api) : AttemptStoreTests(api), IClassFixture<SqliteApiFactory>;

public sealed class AttemptStoreTests_on_Postgres(PostgresApiFactory api) : AttemptStoreTests(api), IClassFixture<PostgresApiFactory>;
