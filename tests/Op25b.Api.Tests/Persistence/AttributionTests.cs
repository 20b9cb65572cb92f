using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Core.Attempts;
using Op25b.Persistence;
using Op25b.Persistence.Attempts;

namespace Op25b.Api.Tests.Persistence;

/// <summary>Who held a source at the attempt's second, for every kind of holding. Run on both providers.</summary>
public abstract class AttributionTests(AdminApiFactory api)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 30, 12, 0, 0, TimeSpan.Zero);

    private static BlockedAttempt Attempt(string source, DateTimeOffset at, int sourcePort = 40000) =>
        BlockedAttempt.From(new BlockedAttemptRecord(at, "bng-1", IPAddress.Parse(source), sourcePort, IPAddress.Parse("203.0.113.77"), 25, "tcp",
            AttemptAction.Dropped), "test", at);

    private async Task AccountingAsync(HttpClient collector, params object[] events) =>
        await (await collector.PostAsJsonAsync("/api/v1/accounting-events", new { events })).ExpectAsync(HttpStatusCode.OK);

    private Task<Dictionary<string, long?>> HoldersAsync(params string[] dedupKeys) => api.WithScopeAsync(sp =>
        sp.GetRequiredService<AdminDbContext>().BlockedAttempts.Where(a => dedupKeys.Contains(a.DedupKey)).ToDictionaryAsync(a => a.DedupKey, a => a.SubscriberId));

    private Task<long> IdOfAsync(string externalId) => api.WithScopeAsync(sp => sp.GetRequiredService<AdminDbContext>().Subscribers.Where(s => s.ExternalId == externalId).Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task Static_prefixes_delegated_prefixes_and_framed_addresses_attribute_only_while_held()
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var staticPrefix = Provisioning.UniqueV4Prefix();
        var business = Provisioning.NewExternalId();
        await (await crm.PutAsJsonAsync($"/api/v1/subscribers/{business}", new { displayName = "static", productCode = "static-business" })).ExpectAsync(HttpStatusCode.Created);
        await (await crm.PostAsJsonAsync($"/api/v1/subscribers/{business}/assignments", new { prefix = staticPrefix, validFrom = T0.AddDays(-1) }))
            .ExpectAsync(HttpStatusCode.Created);
        var home = await Provisioning.SubscriberAsync(crm, "dynamic-residential");
        var (framed, delegated, nas) = ($"100.69.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}", Provisioning.UniqueV6Prefix(), $"nas-{Guid.NewGuid():N}");
        await AccountingAsync(crm,
            new { type = "start", nasId = nas, sessionId = "home", receivedAt = T0.AddHours(-1), subscriberExternalId = home, framedIp = framed, delegatedPrefix = delegated },
            new { type = "stop", nasId = nas, sessionId = "home", receivedAt = T0.AddMinutes(10), subscriberExternalId = home, framedIp = framed, delegatedPrefix = delegated });

        var network = IPAddress.Parse(staticPrefix.Split('/')[0]).GetAddressBytes();
        network[3] += 5;
        var staticHost = new IPAddress(network).ToString();
        var v6Host = delegated.Split("::")[0] + ":42::25";
        var batch = new[]
        {
            Attempt(staticHost, T0), Attempt(staticHost, T0.AddDays(-2)), // before the assignment began
            Attempt(framed, T0), Attempt(framed, T0.AddMinutes(20)), // after the session stopped
            Attempt(v6Host, T0),
        };
        await api.WithScopeAsync(sp => sp.GetRequiredService<AttemptStore>().StoreAsync(batch, CancellationToken.None));

        var holders = await HoldersAsync(batch.Select(a => a.DedupKey).ToArray());
        var (businessId, homeId) = (await IdOfAsync(business), await IdOfAsync(home));
        Assert.Equal([businessId, null, homeId, null, homeId], batch.Select(a => holders[a.DedupKey]));
    }

    [Fact]
    public async Task When_a_stop_was_lost_the_session_that_started_last_holds_the_address()
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var (before, after) = (await Provisioning.SubscriberAsync(crm, "dynamic-residential"), await Provisioning.SubscriberAsync(crm, "dynamic-residential"));
        var (framed, nas) = ($"100.70.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}", $"nas-{Guid.NewGuid():N}");
        await AccountingAsync(crm,
            new { type = "start", nasId = nas, sessionId = "old", receivedAt = T0.AddHours(-2), subscriberExternalId = before, framedIp = framed },
            new { type = "start", nasId = nas, sessionId = "new", receivedAt = T0.AddHours(-1), subscriberExternalId = after, framedIp = framed });

        var attempt = Attempt(framed, T0);
        await api.WithScopeAsync(sp => sp.GetRequiredService<AttemptStore>().StoreAsync([attempt], CancellationToken.None));

        Assert.Equal(await IdOfAsync(after), (await HoldersAsync(attempt.DedupKey))[attempt.DedupKey]);
    }

    /// <summary>
    /// An address handed from one subscriber to another, several of its attempts in one batch: each
    /// attempt gets the session holding the address at its own moment, and none between sessions
    /// (guards any attribution that matches per source rather than per row).
    /// </summary>
    [Fact]
    public async Task One_batch_gives_each_attempt_of_a_reassigned_address_the_holder_of_its_moment()
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var (first, second) = (await Provisioning.SubscriberAsync(crm, "dynamic-residential"), await Provisioning.SubscriberAsync(crm, "dynamic-residential"));
        var (framed, nas) = ($"100.73.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}", $"nas-{Guid.NewGuid():N}");
        await AccountingAsync(crm,
            new { type = "start", nasId = nas, sessionId = "first", receivedAt = T0.AddHours(-2), subscriberExternalId = first, framedIp = framed },
            new { type = "stop", nasId = nas, sessionId = "first", receivedAt = T0.AddHours(-1), subscriberExternalId = first, framedIp = framed },
            new { type = "start", nasId = nas, sessionId = "second", receivedAt = T0.AddMinutes(-30), subscriberExternalId = second, framedIp = framed });

        var batch = new[]
        {
            Attempt(framed, T0.AddHours(-3)), // before anyone held it
            Attempt(framed, T0.AddMinutes(-90)), Attempt(framed, T0.AddMinutes(-61), 40001),
            Attempt(framed, T0.AddMinutes(-45)), // between the two sessions
            Attempt(framed, T0.AddMinutes(-30)), Attempt(framed, T0, 40002),
        };
        await api.WithScopeAsync(sp => sp.GetRequiredService<AttemptStore>().StoreAsync(batch, CancellationToken.None));

        var holders = await HoldersAsync(batch.Select(a => a.DedupKey).ToArray());
        var (firstId, secondId) = (await IdOfAsync(first), await IdOfAsync(second));
        Assert.Equal([null, firstId, firstId, null, secondId, secondId], batch.Select(a => holders[a.DedupKey]));
    }

    [Fact]
    public async Task Late_attribution_looks_past_attempts_that_nobody_holds_yet()
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var home = await Provisioning.SubscriberAsync(crm, "dynamic-residential");
        var (unheld, framed) = ($"100.71.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}", $"100.72.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}");
        var (first, second) = (Attempt(unheld, T0), Attempt(framed, T0));
        await api.WithScopeAsync(sp => sp.GetRequiredService<AttemptStore>().StoreAsync([first, second], CancellationToken.None));
        await AccountingAsync(crm, new { type = "start", nasId = $"nas-{Guid.NewGuid():N}", sessionId = "late", receivedAt = T0.AddHours(-1), subscriberExternalId = home, framedIp = framed });

        // A window of one attempt: the unheld one fills a whole window without stopping the walk.
        await api.WithScopeAsync(sp => sp.GetRequiredService<LateAttribution>().RunAsync(T0.AddDays(-1), 1, CancellationToken.None));

        var holders = await HoldersAsync(first.DedupKey, second.DedupKey);
        Assert.Null(holders[first.DedupKey]);
        Assert.Equal(await IdOfAsync(home), holders[second.DedupKey]);
    }
}

public sealed class AttributionTests_on_Sqlite(SqliteApiFactory api) : AttributionTests(api), IClassFixture<SqliteApiFactory>;

public sealed class AttributionTests_on_Postgres(PostgresApiFactory api) : AttributionTests(api), IClassFixture<PostgresApiFactory>;
