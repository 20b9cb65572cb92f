using System.Net;
using System.Net.Http.Json;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Features.AddressSpace;

/// <summary>
/// The addresses every write refuses: a null or whole-family prefix, special-purpose ranges,
/// over-large exemptions and relays, anything outside the ISP's address space. Each was accepted
/// before (issue 11) and would have opened or mis-attributed port 25. Run on both providers.
/// </summary>
public abstract class AddressRulesApiTests(AdminApiFactory api)
{
    [Fact]
    public async Task A_null_relay_prefix_is_refused_instead_of_stored_as_the_whole_internet()
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        await (await net.PostAsync("/api/v1/relays", Json("""{"prefix":null}"""))).ExpectProblemAsync(HttpStatusCode.BadRequest, "prefix");
        await (await net.PostAsync("/api/v1/relays", Json("{}"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "prefix");
        var relays = await (await net.GetAsync("/api/v1/relays")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain("0.0.0.0/0", relays.ToJsonString());
    }

    [Theory]
    [InlineData("::/0")]
    [InlineData("0.0.0.0/0")]
    [InlineData("198.51.100.0/23")]
    [InlineData("2001:db8::/32")]
    [InlineData("127.0.0.1")]
    public async Task A_whole_family_special_or_over_large_relay_is_refused(string prefix)
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var problem = await (await net.PostAsJsonAsync("/api/v1/relays", new { prefix })).ExpectProblemAsync(HttpStatusCode.BadRequest, "prefix");
        Assert.Contains(prefix.Split('/')[0], problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_null_assignment_prefix_is_refused()
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var subscriber = await Provisioning.SubscriberAsync(crm);
        await (await crm.PostAsync($"/api/v1/subscribers/{subscriber}/assignments", Json("""{"prefix":null}""")))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "prefix");
        var held = await (await crm.GetAsync($"/api/v1/subscribers/{subscriber}/assignments")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain("0.0.0.0/0", held.ToJsonString());
    }

    [Theory]
    [InlineData("127.0.0.0/8", "Loopback")]
    [InlineData("224.0.0.0/4", "Multicast")]
    [InlineData("169.254.0.0/16", "Link Local")]
    [InlineData("fe80::/64", "Link-Local Unicast")]
    [InlineData("ff00::/8", "Multicast")]
    [InlineData("::1/128", "Loopback Address")]
    public async Task A_special_purpose_assignment_is_refused_naming_the_range(string prefix, string range)
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var subscriber = await Provisioning.SubscriberAsync(crm);
        var problem = await (await crm.PostAsJsonAsync($"/api/v1/subscribers/{subscriber}/assignments", new { prefix }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "prefix");
        Assert.Contains(range, problem["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("::/0")]
    [InlineData("3000::/4")]
    [InlineData("100.64.0.0/16")]
    [InlineData("2001:db8::/40")]
    public async Task An_over_large_exemption_is_refused_before_anyone_can_approve_it(string prefix)
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var desk = await api.ClientWithRolesAsync("desk", Roles.AbuseDesk);
        var subscriber = await Provisioning.SubscriberAsync(crm, "static-business", Provisioning.UniqueV4Prefix());
        await (await desk.PostAsJsonAsync("/api/v1/exemptions", new { subscriberExternalId = subscriber, prefixes = new[] { prefix }, justification = "own MTA" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "prefixes[0]");
    }

    [Theory]
    [InlineData("127.0.0.1", null, "framedIp")]
    [InlineData("100.70.1.1", "fe80::/64", "delegatedPrefix")]
    public async Task An_accounting_event_with_a_special_purpose_address_is_rejected(string framedIp, string? delegatedPrefix, string field)
    {
        var collector = await api.ClientWithRolesAsync("radius", Roles.Provisioning);
        var subscriber = await Provisioning.SubscriberAsync(collector, "dynamic-residential");
        var events = new[] { new { type = "start", nasId = "bng-special", sessionId = Guid.NewGuid().ToString("N"), subscriberExternalId = subscriber, framedIp, delegatedPrefix } };
        var outcome = await (await collector.PostAsJsonAsync("/api/v1/accounting-events", new { events })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, outcome["rejected"]!.GetValue<int>());
        Assert.StartsWith(field, outcome["results"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Assignments_and_pools_outside_the_isps_address_space_are_refused()
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var subscriber = await Provisioning.SubscriberAsync(crm);
        var problem = await (await crm.PostAsJsonAsync($"/api/v1/subscribers/{subscriber}/assignments", new { prefix = "8.8.8.0/29" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "prefix");
        Assert.Contains("outside the ISP's address space", problem["detail"]!.GetValue<string>());
        await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = "tokyo", prefix = "2400:4050::/32" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "prefix");
    }

    [Fact]
    public async Task The_address_space_is_managed_by_network_admins_audited_and_kept_while_in_use()
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var block = $"2400:4050:{Random.Shared.Next(1, 0xffff):x}::/48";
        await (await crm.PostAsJsonAsync("/api/v1/address-space", new { prefix = block })).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var added = await (await net.PostAsJsonAsync("/api/v1/address-space", new { prefix = block, description = "RIR allocation" }))
            .ExpectAsync(HttpStatusCode.Created);
        var id = added["id"]!.GetValue<long>();
        await (await net.PostAsJsonAsync("/api/v1/address-space", new { prefix = block })).ExpectProblemAsync(HttpStatusCode.Conflict, "prefix");
        await (await net.PostAsJsonAsync("/api/v1/address-space", new { prefix = "fc00::/7" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "prefix");
        Assert.Contains(block, (await (await net.GetAsync("/api/v1/address-space")).ExpectAsync(HttpStatusCode.OK)).ToJsonString());

        var subscriber = await Provisioning.SubscriberAsync(crm, "static-business", block.Replace("::/48", "::/56"));
        await (await net.DeleteAsync($"/api/v1/address-space/{id}")).ExpectProblemAsync(HttpStatusCode.Conflict, "id");
        var assignment = (await (await crm.GetAsync($"/api/v1/subscribers/{subscriber}/assignments")).ExpectAsync(HttpStatusCode.OK)).AsArray().Single()!;
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        await (await crm.PostAsJsonAsync($"/api/v1/subscribers/{subscriber}/assignments/{assignment["id"]}/end", new { validUntil = api.Clock.GetUtcNow() }))
            .ExpectAsync(HttpStatusCode.OK);
        await (await net.DeleteAsync($"/api/v1/address-space/{id}")).ExpectAsync(HttpStatusCode.OK);

        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        var trail = await (await auditor.GetAsync($"/api/v1/audit?entityType=address-space&entityId={id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["address-space.added", "address-space.removed"],
            trail["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).Order());
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}

public sealed class AddressRulesApiTests_on_Sqlite(SqliteApiFactory api) : AddressRulesApiTests(api), IClassFixture<SqliteApiFactory>;

public sealed class AddressRulesApiTests_on_Postgres(PostgresApiFactory api) : AddressRulesApiTests(api), IClassFixture<PostgresApiFactory>;
