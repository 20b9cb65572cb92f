using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Features.AddressHistory;

/// <summary>Accounting events build the address history; "who held X at T" answers from it. Run on both providers.</summary>
public abstract class AddressHistoryApiTests(AdminApiFactory api)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 31, 12, 0, 0, TimeSpan.Zero);

    private static async Task<JsonNode> PostAsync(HttpClient collector, params object[] events) =>
        await (await collector.PostAsJsonAsync("/api/v1/accounting-events", new { events })).ExpectAsync(HttpStatusCode.OK);

    private static async Task<JsonArray> HoldersAsync(HttpClient client, string ip, DateTimeOffset? at = null) =>
        (await (await client.GetAsync($"/api/v1/address-history?ip={ip}{(at is null ? "" : $"&at={Uri.EscapeDataString(at.Value.ToString("O"))}")}"))
            .ExpectAsync(HttpStatusCode.OK))["holders"]!.AsArray();

    [Fact]
    public async Task A_session_tells_who_held_the_framed_address_and_the_delegated_prefix_at_each_moment()
    {
        var collector = await api.ClientWithRolesAsync("radius-collector", Roles.Provisioning);
        var subscriber = await Provisioning.SubscriberAsync(collector, "dynamic-residential");
        var nas = $"bng-{Guid.NewGuid().ToString("N")[..6]}";
        var ip = $"100.70.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}"; // a range no other test here uses
        var prefix = $"2001:db8:{Random.Shared.Next(0x200, 0xfff):x}:ab00::/56";

        var started = await PostAsync(collector,
            new { type = "start", nasId = nas, sessionId = "s-1", receivedAt = T0.AddSeconds(5), delaySeconds = 5, subscriberExternalId = subscriber, framedIp = ip, delegatedPrefix = prefix });
        Assert.Equal(1, started["accepted"]!.GetValue<int>());
        await PostAsync(collector,
            new { type = "interim-update", nasId = nas, sessionId = "s-1", receivedAt = T0.AddMinutes(10), subscriberExternalId = subscriber, framedIp = ip },
            new { type = "stop", nasId = nas, sessionId = "s-1", receivedAt = T0.AddHours(2), subscriberExternalId = subscriber, framedIp = ip });

        var during = await HoldersAsync(collector, ip, T0.AddHours(1));
        Assert.Equal(subscriber, during.Single()!["subscriberExternalId"]!.GetValue<string>());
        Assert.Equal("session", during.Single()!["source"]!.GetValue<string>());
        Assert.Equal(T0, during.Single()!["from"]!.GetValue<DateTimeOffset>());
        Assert.Empty(await HoldersAsync(collector, ip, T0.AddHours(3)));
        Assert.Empty(await HoldersAsync(collector, ip, T0.AddSeconds(-1)));

        var v6Host = prefix.Replace("::/56", "::1234");
        Assert.Equal(subscriber, (await HoldersAsync(collector, v6Host, T0.AddMinutes(30))).Single()!["subscriberExternalId"]!.GetValue<string>());
        Assert.Single(await HoldersAsync(collector, ip));
    }

    [Fact]
    public async Task A_resent_event_is_a_duplicate_and_a_bad_one_is_rejected_naming_the_field_without_stopping_the_rest()
    {
        var collector = await api.ClientWithRolesAsync("radius-collector", Roles.Provisioning);
        var subscriber = await Provisioning.SubscriberAsync(collector, "dynamic-residential");
        var nas = $"bng-{Guid.NewGuid().ToString("N")[..6]}";
        var start = new { type = "start", nasId = nas, sessionId = "s-9", receivedAt = T0, subscriberExternalId = subscriber, framedIp = "100.64.9.9" };
        await PostAsync(collector, start);
        var second = await PostAsync(collector,
            start,
            new { type = "start", nasId = nas, sessionId = "s-10", receivedAt = T0, subscriberExternalId = subscriber, framedIp = "100.64.9.300" },
            new { type = "launch", nasId = nas, sessionId = "s-11", receivedAt = T0, subscriberExternalId = subscriber },
            new { type = "start", nasId = nas, sessionId = "s-12", receivedAt = T0, subscriberExternalId = "CRM-nobody", framedIp = "100.64.9.12" },
            new { type = "start", nasId = nas, sessionId = "s-13", receivedAt = T0, subscriberExternalId = subscriber, framedIp = "100.64.9.13" });
        Assert.Equal(1, second["accepted"]!.GetValue<int>());
        Assert.Equal(1, second["duplicates"]!.GetValue<int>());
        Assert.Equal(3, second["rejected"]!.GetValue<int>());
        var reasons = second["results"]!.AsArray().Where(r => r!["outcome"]!.GetValue<string>() == "rejected").Select(r => r!["reason"]!.GetValue<string>()).ToList();
        Assert.StartsWith("framedIp:", reasons[0]);
        Assert.StartsWith("type:", reasons[1]);
        Assert.StartsWith("subscriberExternalId:", reasons[2]);
        Assert.Single(await HoldersAsync(collector, "100.64.9.13", T0.AddMinutes(1)));

        // A time finer than the database keeps (PostgreSQL: microseconds) still makes a resend a duplicate.
        var fine = new { type = "interim-update", nasId = nas, sessionId = "s-13", receivedAt = T0.AddTicks(1_234_567), subscriberExternalId = subscriber };
        Assert.Equal(1, (await PostAsync(collector, fine))["accepted"]!.GetValue<int>());
        Assert.Equal(1, (await PostAsync(collector, fine))["duplicates"]!.GetValue<int>());
    }

    [Fact]
    public async Task Accounting_on_from_a_restarted_NAS_closes_every_session_it_had_open()
    {
        var collector = await api.ClientWithRolesAsync("radius-collector", Roles.Provisioning);
        var subscriber = await Provisioning.SubscriberAsync(collector, "dynamic-residential");
        var nas = $"bng-{Guid.NewGuid().ToString("N")[..6]}";
        await PostAsync(collector,
            new { type = "start", nasId = nas, sessionId = "a", receivedAt = T0, subscriberExternalId = subscriber, framedIp = "100.65.0.1" },
            new { type = "start", nasId = nas, sessionId = "b", receivedAt = T0, subscriberExternalId = subscriber, framedIp = "100.65.0.2" });
        var reboot = await PostAsync(collector, new { type = "accounting-on", nasId = nas, receivedAt = T0.AddHours(1) });
        Assert.Contains("2 open session(s) closed", reboot["results"]![0]!["reason"]!.GetValue<string>());
        Assert.Single(await HoldersAsync(collector, "100.65.0.1", T0.AddMinutes(30)));
        Assert.Empty(await HoldersAsync(collector, "100.65.0.2", T0.AddHours(2)));
    }

    [Fact]
    public async Task Static_assignments_answer_too()
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var prefix = Provisioning.UniqueV4Prefix();
        var subscriber = await Provisioning.SubscriberAsync(crm, "static-business", prefix);
        var holders = await HoldersAsync(crm, System.Net.IPNetwork.Parse(prefix).BaseAddress.ToString(), api.Clock.GetUtcNow());
        Assert.Equal("static", holders.Single()!["source"]!.GetValue<string>());
        Assert.Equal(subscriber, holders.Single()!["subscriberExternalId"]!.GetValue<string>());
        await (await crm.GetAsync("/api/v1/address-history?ip=999.1.1.1")).ExpectProblemAsync(HttpStatusCode.BadRequest, "ip");
    }
}

public sealed class AddressHistoryApiTests_on_Sqlite(SqliteApiFactory api) : AddressHistoryApiTests(api), IClassFixture<SqliteApiFactory>;

public sealed class AddressHistoryApiTests_on_Postgres(PostgresApiFactory api) : AddressHistoryApiTests(api), IClassFixture<PostgresApiFactory>;
