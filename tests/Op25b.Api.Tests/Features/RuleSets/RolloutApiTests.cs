using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Rollout;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;
using Op25b.Persistence;

namespace Op25b.Api.Tests.Features.RuleSets;

/// <summary>
/// From network model to rule set versions and deployments, without a real router: export-mode
/// platforms, the guards that hold or refuse a version, and an unreachable push target.
/// (The real nftables push is proven in the lab tests.) Run on both providers.
/// </summary>
public abstract class RolloutApiTests(AdminApiFactory api)
{
    private const string FakeHostKey = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8";

    private sealed record Team(HttpClient Net, HttpClient Crm, HttpClient DeskA, HttpClient DeskB);

    private async Task<Team> TeamAsync() => new(
        await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin),
        await api.ClientWithRolesAsync("crm", Roles.Provisioning),
        await api.ClientWithRolesAsync("desk-a", Roles.AbuseDesk),
        await api.ClientWithRolesAsync("desk-b", Roles.AbuseDesk));

    private static string Group() => $"g{Guid.NewGuid().ToString("N")[..8]}";

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient net, string name, string platform, string group, int? budget = null,
        string host = "2001:db8:ff00::11", string hostKey = FakeHostKey) =>
        net.PutAsJsonAsync($"/api/v1/routers/{name}", new
        {
            platform, routerGroup = group, managementHost = host, managementPort = 22, sshUser = "op25b",
            credentialRef = "file:/nonexistent/op25b-test-key", hostKeySha256 = hostKey, aceBudget = budget,
        });

    private async Task<IReadOnlyList<PublishedGroup>> CompileAsync() =>
        await api.WithScopeAsync(sp => sp.GetRequiredService<RuleSetPublisher>().PublishAsync("test", "test", CancellationToken.None));

    private async Task<long> ExemptAsync(Team t, string prefix)
    {
        var subscriber = await Provisioning.SubscriberAsync(t.Crm, "static-business", prefix);
        var id = (await (await t.DeskA.PostAsJsonAsync("/api/v1/exemptions", new { subscriberExternalId = subscriber, prefixes = new[] { prefix }, justification = "MTA" }))
            .ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();
        await (await t.DeskB.PostAsJsonAsync($"/api/v1/exemptions/{id}/approve", new { })).ExpectAsync(HttpStatusCode.OK);
        return id;
    }

    private static async Task<JsonArray> DeploymentsAsync(HttpClient client, string router) =>
        (await (await client.GetAsync($"/api/v1/deployments?router={router}")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();

    [Fact]
    public async Task An_export_mode_router_gets_the_artifact_and_goes_live_only_when_the_apply_is_confirmed()
    {
        var t = await TeamAsync();
        var group = Group();
        await (await RegisterAsync(t.Net, $"{group}-mx", "junos", group)).ExpectAsync(HttpStatusCode.Created);
        await (await t.Net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = Provisioning.UniqueV4Pool })).ExpectAsync(HttpStatusCode.Created);
        var exemption = await ExemptAsync(t, Provisioning.UniqueV4Prefix());

        var published = (await CompileAsync()).Single(g => g.RouterGroup == group);
        var version = await (await t.Net.GetAsync($"/api/v1/rulesets/{published.RuleSetId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(exemption, version["exempt"]!.AsArray().SelectMany(e => e!["exemptionIds"]!.AsArray().Select(i => i!.GetValue<long>())));

        var deployment = (await DeploymentsAsync(t.Net, $"{group}-mx")).Single()!;
        Assert.Equal("awaiting-external-apply", deployment["state"]!.GetValue<string>());
        var artifact = await t.Net.GetAsync($"/api/v1/rulesets/{published.RuleSetId}/artifacts/junos");
        Assert.Equal(HttpStatusCode.OK, artifact.StatusCode);
        Assert.Contains("OP25B-POOLS-V4", await artifact.Content.ReadAsStringAsync());
        Assert.Equal(published.Hash, artifact.Headers.GetValues("X-RuleSet-Hash").Single());

        var router = await (await t.Net.GetAsync($"/api/v1/routers/{group}-mx")).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(router["live"]);
        await (await t.Net.PostAsJsonAsync($"/api/v1/deployments/{deployment["id"]}/external-apply", new { applied = true, output = "commit complete" }))
            .ExpectAsync(HttpStatusCode.OK);
        router = await (await t.Net.GetAsync($"/api/v1/routers/{group}-mx")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(published.Hash, router["live"]!["hash"]!.GetValue<string>());
        Assert.Equal("export", router["deployMode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_platform_artifact_is_downloadable_and_an_unknown_platform_is_refused()
    {
        var t = await TeamAsync();
        var group = Group();
        await (await t.Net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = "100.64.0.0/10" })).ExpectAsync(HttpStatusCode.Created);
        var id = (await CompileAsync()).Single(g => g.RouterGroup == group).RuleSetId;
        foreach (var platform in new[] { "nftables", "cisco-iosxe", "cisco-iosxr", "junos", "ietf-acl-json" })
        {
            var response = await t.Net.GetAsync($"/api/v1/rulesets/{id}/artifacts/{platform}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("100.64.0.0", await response.Content.ReadAsStringAsync());
        }
        await (await t.Net.GetAsync($"/api/v1/rulesets/{id}/artifacts/mikrotik")).ExpectProblemAsync(HttpStatusCode.BadRequest, "platform");
    }

    [Fact]
    public async Task A_downloaded_artifact_is_the_render_of_the_stored_version_byte_for_byte()
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        // 3,000 prefixes: every artifact is far past the 32 KiB the endpoint buffers in memory,
        // so the download comes through the temporary file.
        var pools = Enumerable.Range(0, 3000).Select(i => new IPNetwork(new IPAddress([100, 64, (byte)(i / 128), (byte)(i % 128 * 2)]), 32)).ToList();
        var compiled = RuleSetCompiler.Compile(new PolicySnapshot(Group(), BlockingPolicy.Default, pools, [], []));
        var id = await api.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AdminDbContext>();
            var version = new RuleSetVersion
            {
                RouterGroup = compiled.Content.RouterGroup, Number = 1, Hash = compiled.Hash, Content = compiled.CanonicalText,
                CreatedAt = DateTimeOffset.UtcNow, Trigger = "test", TriggeredBy = "test",
            };
            db.RuleSetVersions.Add(version);
            await db.SaveChangesAsync();
            return version.Id;
        });

        foreach (var renderer in RuleSetRenderers.All)
        {
            using var expected = new MemoryStream();
            renderer.Render(compiled.Content, expected);
            var response = await net.GetAsync($"/api/v1/rulesets/{id}/artifacts/{renderer.Platform.Name()}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(expected.Length > 32 * 1024, $"{renderer.Platform}: {expected.Length} bytes");
            Assert.Equal(expected.ToArray(), await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(expected.Length, response.Content.Headers.ContentLength);
        }
    }

    [Fact]
    public async Task A_version_over_the_routers_ACE_budget_is_refused_with_the_counts()
    {
        var t = await TeamAsync();
        var group = Group();
        await (await RegisterAsync(t.Net, $"{group}-xr", "cisco-iosxr", group, budget: 3)).ExpectAsync(HttpStatusCode.Created);
        await (await t.Net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = "100.64.0.0/10" })).ExpectAsync(HttpStatusCode.Created);
        await CompileAsync();
        var deployment = (await DeploymentsAsync(t.Net, $"{group}-xr")).Single()!;
        Assert.Equal("failed", deployment["state"]!.GetValue<string>());
        Assert.Contains("budget", deployment["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task Removing_most_live_exemptions_at_once_is_held_until_a_network_admin_confirms()
    {
        var t = await TeamAsync();
        var group = Group();
        var router = $"{group}-ios";
        await (await RegisterAsync(t.Net, router, "cisco-iosxe", group)).ExpectAsync(HttpStatusCode.Created);
        // Pools exactly around this test's exemptions, so exemptions of other tests in this database stay out of the group.
        var exemptions = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var prefix = Provisioning.UniqueV4Prefix();
            await (await t.Net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix })).ExpectAsync(HttpStatusCode.Created);
            exemptions.Add(await ExemptAsync(t, prefix));
        }
        await CompileAsync();
        var first = (await DeploymentsAsync(t.Net, router)).First()!;
        await (await t.Net.PostAsJsonAsync($"/api/v1/deployments/{first["id"]}/external-apply", new { applied = true, output = "ok" })).ExpectAsync(HttpStatusCode.OK);

        foreach (var id in exemptions.Take(3))
            await (await t.DeskB.PostAsJsonAsync($"/api/v1/exemptions/{id}/revoke", new { reason = "contract ended" })).ExpectAsync(HttpStatusCode.OK);
        await CompileAsync();
        var held = (await DeploymentsAsync(t.Net, router)).First()!;
        Assert.Equal("held", held["state"]!.GetValue<string>());

        await (await t.DeskA.PostAsJsonAsync($"/api/v1/deployments/{held["id"]}/confirm", new { reason = "x" })).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await t.Net.PostAsJsonAsync($"/api/v1/deployments/{held["id"]}/confirm", new { reason = "" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "reason");
        var confirmed = await (await t.Net.PostAsJsonAsync($"/api/v1/deployments/{held["id"]}/confirm", new { reason = "customers moved to the new relay" }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("awaiting-external-apply", confirmed["state"]!.GetValue<string>());
        await (await t.Net.PostAsJsonAsync($"/api/v1/deployments/{held["id"]}/confirm", new { reason = "again" })).ExpectProblemAsync(HttpStatusCode.Conflict, "state");
    }

    [Fact]
    public async Task An_unreachable_nftables_router_ends_failed_with_the_reason()
    {
        var t = await TeamAsync();
        var group = Group();
        await (await RegisterAsync(t.Net, $"{group}-bng", "nftables", group)).ExpectAsync(HttpStatusCode.Created);
        await (await t.Net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = "100.64.0.0/10" })).ExpectAsync(HttpStatusCode.Created);
        await CompileAsync();
        var queued = (await DeploymentsAsync(t.Net, $"{group}-bng")).Single()!;
        Assert.Equal("queued", queued["state"]!.GetValue<string>());

        await api.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<DeploymentRunner>().RunAsync(queued["id"]!.GetValue<long>(), CancellationToken.None);
            return 0;
        });
        var failed = await (await t.Net.GetAsync($"/api/v1/deployments/{queued["id"]}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("failed", failed["state"]!.GetValue<string>());
        Assert.Contains("key file", failed["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dry_run_shows_the_plan_and_difference_and_changes_nothing()
    {
        var t = await TeamAsync();
        var group = Group();
        await (await RegisterAsync(t.Net, $"{group}-r", "ietf-acl-json", group)).ExpectAsync(HttpStatusCode.Created);
        await (await t.Net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = "100.64.0.0/10" })).ExpectAsync(HttpStatusCode.Created);
        var plans = await (await t.Net.PostAsJsonAsync($"/api/v1/router-groups/{group}/deploy", new { dryRun = true })).ExpectAsync(HttpStatusCode.OK);
        var plan = plans.AsArray().Single()!;
        Assert.Equal("awaiting-external-apply", plan["plannedState"]!.GetValue<string>());
        Assert.Equal(["100.64.0.0/10"], plan["difference"]!["addedPools"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Empty(await DeploymentsAsync(t.Net, $"{group}-r"));
        Assert.Empty((await (await t.Net.GetAsync($"/api/v1/rulesets?routerGroup={group}")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray());
    }

    [Fact]
    public async Task What_if_names_the_term_and_the_exemption_that_decides()
    {
        var t = await TeamAsync();
        var group = Group();
        var router = $"{group}-w";
        await (await RegisterAsync(t.Net, router, "junos", group)).ExpectAsync(HttpStatusCode.Created);
        await (await t.Net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix = Provisioning.UniqueV4Pool })).ExpectAsync(HttpStatusCode.Created);
        await (await t.Net.PostAsJsonAsync("/api/v1/relays", new { prefix = $"203.0.113.{Random.Shared.Next(1, 250)}" })).ExpectAsync(HttpStatusCode.Created);
        var exemptPrefix = Provisioning.UniqueV4Prefix();
        var exemption = await ExemptAsync(t, exemptPrefix);
        var id = (await CompileAsync()).Single(g => g.RouterGroup == group).RuleSetId;

        await (await t.Net.GetAsync($"/api/v1/routers/{router}/what-if?source=100.124.200.1")).ExpectProblemAsync(HttpStatusCode.Conflict, "ruleSetId");
        var exempt = await (await t.Net.GetAsync($"/api/v1/routers/{router}/what-if?source={System.Net.IPNetwork.Parse(exemptPrefix).BaseAddress}&ruleSetId={id}"))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.True(exempt["allowed"]!.GetValue<bool>());
        Assert.Equal("exemption", exempt["decidedBy"]!.GetValue<string>());
        Assert.Contains(exemption, exempt["exemptionIds"]!.AsArray().Select(i => i!.GetValue<long>()));

        var blocked = await (await t.Net.GetAsync($"/api/v1/routers/{router}/what-if?source=100.125.250.1&destination=198.51.100.77&ruleSetId={id}"))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.False(blocked["allowed"]!.GetValue<bool>());
        Assert.Equal("pool-deny", blocked["decidedBy"]!.GetValue<string>());

        await (await t.Net.GetAsync($"/api/v1/routers/{router}/what-if?source=not-an-ip&ruleSetId={id}")).ExpectProblemAsync(HttpStatusCode.BadRequest, "source");
    }
}

public sealed class RolloutApiTests_on_Sqlite(SqliteApiFactory api) : RolloutApiTests(api), IClassFixture<SqliteApiFactory>;

public sealed class RolloutApiTests_on_Postgres(PostgresApiFactory api) : RolloutApiTests(api), IClassFixture<PostgresApiFactory>;
