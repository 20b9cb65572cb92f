using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Rollout;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Features.Exemptions;

/// <summary>
/// An exemption never outlives its address: when the subscriber stops holding it (assignment
/// ended, line closed or suspended, address moved on), the exemption ends in the same write,
/// lookup says so and the next rule set leaves it out. Own class: it moves the clock (an
/// assignment cannot end at the instant it began). Run on both providers.
/// </summary>
public abstract class ExemptionOutlivesNoAddressTests(AdminApiFactory api)
{
    private sealed record Team(HttpClient Net, HttpClient Crm, HttpClient DeskA, HttpClient DeskB, HttpClient Auditor);

    private async Task<Team> TeamAsync() => new(
        await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin),
        await api.ClientWithRolesAsync("crm", Roles.Provisioning),
        await api.ClientWithRolesAsync("desk-a", Roles.AbuseDesk),
        await api.ClientWithRolesAsync("desk-b", Roles.AbuseDesk),
        await api.ClientWithRolesAsync("auditor", Roles.Auditor));

    private static async Task<long> ExemptAsync(Team t, string subscriber, string prefix)
    {
        var id = (await (await t.DeskA.PostAsJsonAsync("/api/v1/exemptions", new { subscriberExternalId = subscriber, prefixes = new[] { prefix }, justification = "MTA" }))
            .ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();
        await (await t.DeskB.PostAsJsonAsync($"/api/v1/exemptions/{id}/approve", new { })).ExpectAsync(HttpStatusCode.OK);
        return id;
    }

    private static async Task<bool> ExemptNowAsync(HttpClient client, string prefix) =>
        (await (await client.GetAsync($"/api/v1/exemptions/lookup?ip={System.Net.IPNetwork.Parse(prefix).BaseAddress}"))
            .ExpectAsync(HttpStatusCode.OK))["exempt"]!.GetValue<bool>();

    private async Task<IReadOnlyList<long>> CompiledExemptionIdsAsync(Team t, string group)
    {
        var published = (await api.WithScopeAsync(sp => sp.GetRequiredService<RuleSetPublisher>().PublishAsync("test", "test", CancellationToken.None)))
            .Single(g => g.RouterGroup == group);
        var version = await (await t.Net.GetAsync($"/api/v1/rulesets/{published.RuleSetId}")).ExpectAsync(HttpStatusCode.OK);
        return version["exempt"]!.AsArray().SelectMany(e => e!["exemptionIds"]!.AsArray().Select(i => i!.GetValue<long>())).ToList();
    }

    private static async Task<long> AssignmentIdAsync(HttpClient crm, string subscriber) =>
        (await (await crm.GetAsync($"/api/v1/subscribers/{subscriber}/assignments")).ExpectAsync(HttpStatusCode.OK))
            .AsArray().Single()!["id"]!.GetValue<long>();

    private static async Task<string> StatusAsync(HttpClient client, long id) =>
        (await (await client.GetAsync($"/api/v1/exemptions/{id}")).ExpectAsync(HttpStatusCode.OK))["status"]!.GetValue<string>();

    private async Task<string?> EndingReasonAsync(long id)
    {
        string? reason = null;
        await api.WithDbAsync(async db => reason = await db.AuditEntries
            .Where(e => e.EntityType == "exemption" && e.EntityId == id.ToString() && e.Action == "exemption.revoked")
            .Select(e => e.Reason).SingleOrDefaultAsync());
        return reason;
    }

    [Fact]
    public async Task Ending_the_assignment_ends_its_exemption_and_the_next_rule_set_leaves_it_out()
    {
        var t = await TeamAsync();
        var group = await NetworkSetup.ExportRouterGroupAsync(t.Net);
        var prefix = Provisioning.UniqueV4Prefix();
        var subscriber = await Provisioning.SubscriberAsync(t.Crm, "static-business", prefix);
        var id = await ExemptAsync(t, subscriber, prefix);
        Assert.Contains(id, await CompiledExemptionIdsAsync(t, group));
        Assert.True(await ExemptNowAsync(t.Crm, prefix));

        var assignment = await AssignmentIdAsync(t.Crm, subscriber);
        api.Clock.Advance(TimeSpan.FromHours(1));
        await (await t.Crm.PostAsJsonAsync($"/api/v1/subscribers/{subscriber}/assignments/{assignment}/end", new { })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("revoked", await StatusAsync(t.Crm, id));
        Assert.False(await ExemptNowAsync(t.Crm, prefix));
        Assert.Contains(prefix, await EndingReasonAsync(id));
        Assert.DoesNotContain(id, await CompiledExemptionIdsAsync(t, group));
    }

    [Fact]
    public async Task Moving_the_address_to_another_subscriber_does_not_carry_the_old_exemption()
    {
        var t = await TeamAsync();
        var prefix = Provisioning.UniqueV4Prefix();
        var previous = await Provisioning.SubscriberAsync(t.Crm, "static-business", prefix);
        var id = await ExemptAsync(t, previous, prefix);
        var assignment = await AssignmentIdAsync(t.Crm, previous);

        api.Clock.Advance(TimeSpan.FromHours(1));
        await (await t.Crm.PostAsJsonAsync($"/api/v1/subscribers/{previous}/assignments/{assignment}/end", new { })).ExpectAsync(HttpStatusCode.OK);
        var next = await Provisioning.SubscriberAsync(t.Crm, "static-business", prefix);

        Assert.Equal("revoked", await StatusAsync(t.Crm, id));
        var lookup = await (await t.Crm.GetAsync($"/api/v1/exemptions/lookup?ip={System.Net.IPNetwork.Parse(prefix).BaseAddress}")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(lookup["exempt"]!.GetValue<bool>(), $"{next} inherited exemption {id}: {lookup}");
    }

    [Fact]
    public async Task Ending_the_assignment_later_ends_the_exemption_at_the_same_moment()
    {
        var t = await TeamAsync();
        var prefix = Provisioning.UniqueV4Prefix();
        var subscriber = await Provisioning.SubscriberAsync(t.Crm, "static-business", prefix);
        var id = await ExemptAsync(t, subscriber, prefix);
        var assignment = await AssignmentIdAsync(t.Crm, subscriber);
        var until = api.Clock.GetUtcNow().AddDays(10);

        await (await t.Crm.PostAsJsonAsync($"/api/v1/subscribers/{subscriber}/assignments/{assignment}/end", new { validUntil = until }))
            .ExpectAsync(HttpStatusCode.OK);

        var exemption = await (await t.Crm.GetAsync($"/api/v1/exemptions/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(until, exemption["validUntil"]!.GetValue<DateTimeOffset>());
        var later = Uri.EscapeDataString(until.AddMinutes(1).ToString("O"));
        Assert.False((await (await t.Crm.GetAsync($"/api/v1/exemptions/lookup?ip={System.Net.IPNetwork.Parse(prefix).BaseAddress}&at={later}"))
            .ExpectAsync(HttpStatusCode.OK))["exempt"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("closed")]
    [InlineData("suspended")]
    public async Task Closing_or_suspending_the_subscriber_ends_its_exemptions_and_refuses_new_requests(string status)
    {
        var t = await TeamAsync();
        var group = await NetworkSetup.ExportRouterGroupAsync(t.Net);
        var prefix = Provisioning.UniqueV4Prefix();
        var pending = Provisioning.UniqueV4Prefix();
        var subscriber = await Provisioning.SubscriberAsync(t.Crm, "static-business", prefix, pending);
        var id = await ExemptAsync(t, subscriber, prefix);
        var requested = (await (await t.DeskA.PostAsJsonAsync("/api/v1/exemptions", new { subscriberExternalId = subscriber, prefixes = new[] { pending }, justification = "MTA" }))
            .ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();

        await (await t.Crm.PutAsJsonAsync($"/api/v1/subscribers/{subscriber}", new { displayName = "株式会社テスト", productCode = "static-business", status }))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("revoked", await StatusAsync(t.Crm, id));
        Assert.Equal("rejected", await StatusAsync(t.Crm, requested));
        Assert.Contains(status, await EndingReasonAsync(id));
        Assert.False(await ExemptNowAsync(t.Crm, prefix));
        Assert.DoesNotContain(id, await CompiledExemptionIdsAsync(t, group));
        await (await t.DeskA.PostAsJsonAsync("/api/v1/exemptions", new { subscriberExternalId = subscriber, prefixes = new[] { prefix }, justification = "MTA again" }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "subscriberExternalId");
    }

    [Fact]
    public async Task Requests_racing_the_closing_of_the_line_never_leave_an_exemption_claiming_its_addresses()
    {
        var t = await TeamAsync();
        var block = System.Net.IPNetwork.Parse(Provisioning.UniqueV4Prefix());
        var subscriber = await Provisioning.SubscriberAsync(t.Crm, "static-business", block.ToString());
        var hosts = Enumerable.Range(0, 8).Select(i => $"{Offset(block.BaseAddress, i)}/32").ToList();
        var key = await api.IssueKeyAsync("crm-desk", Roles.Provisioning, Roles.AbuseDesk);

        var answers = await ParallelClients.BurstAsync(api, key, i => i == ParallelClients.Count / 2
            ? new HttpRequestMessage(HttpMethod.Put, $"/api/v1/subscribers/{subscriber}")
            {
                Content = JsonContent.Create(new { displayName = "株式会社テスト", productCode = "static-business", status = "closed" }),
            }
            : new HttpRequestMessage(HttpMethod.Post, "/api/v1/exemptions")
            {
                Content = JsonContent.Create(new { subscriberExternalId = subscriber, prefixes = new[] { hosts[i % hosts.Count] }, justification = "MTA" }),
            });

        ParallelClients.AssertOnly(answers, HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Conflict);
        await api.WithDbAsync(async db => Assert.Empty(await db.Exemptions
            .Where(e => e.Subscriber!.ExternalId == subscriber && Core.Exemptions.Exemption.Claiming.Contains(e.Status)).ToListAsync()));
    }

    private static IPAddress Offset(IPAddress network, int host)
    {
        var bytes = network.GetAddressBytes();
        bytes[^1] += (byte)host;
        return new IPAddress(bytes);
    }
}

public sealed class ExemptionOutlivesNoAddressTests_on_Sqlite(SqliteApiFactory api) : ExemptionOutlivesNoAddressTests(api), IClassFixture<SqliteApiFactory>;

public sealed class ExemptionOutlivesNoAddressTests_on_Postgres(PostgresApiFactory api) : ExemptionOutlivesNoAddressTests(api), IClassFixture<PostgresApiFactory>;
