using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Rollout;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Features.Exports;

/// <summary>
/// Deployment evidence against the deployments the rollout made: two versions applied on an
/// export-mode router at known instants (fake clock), each exempt entry traced to its exemption and approver.
/// </summary>
public abstract class DeploymentEvidenceExportTests(AdminApiFactory api)
{
    private const string FakeHostKey = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8";

    private async Task<long> ExemptAsync(HttpClient crm, HttpClient deskA, HttpClient deskB, HttpClient net, string group, string prefix,
        string justification = "own MTA")
    {
        // Pools exactly around this test's exemptions keep exemptions of other tests out of the group.
        await (await net.PostAsJsonAsync("/api/v1/pools", new { routerGroup = group, prefix })).ExpectAsync(HttpStatusCode.Created);
        var subscriber = await Provisioning.SubscriberAsync(crm, "static-business", prefix);
        var id = (await (await deskA.PostAsJsonAsync("/api/v1/exemptions", new { subscriberExternalId = subscriber, prefixes = new[] { prefix }, justification }))
            .ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();
        await (await deskB.PostAsJsonAsync($"/api/v1/exemptions/{id}/approve", new { reason = "checked" })).ExpectAsync(HttpStatusCode.OK);
        return id;
    }

    /// <summary>An export-mode router alone in a new group.</summary>
    private static async Task<(string Router, string Group)> ExportModeRouterAsync(HttpClient net)
    {
        var group = $"g{Guid.NewGuid().ToString("N")[..8]}";
        var router = $"{group}-mx";
        await (await net.PutAsJsonAsync($"/api/v1/routers/{router}", new
        {
            platform = "junos", routerGroup = group, managementHost = "2001:db8:ff00::11", managementPort = 22, sshUser = "op25b",
            credentialRef = "file:/nonexistent/op25b-test-key", hostKeySha256 = FakeHostKey,
        })).ExpectAsync(HttpStatusCode.Created);
        return (router, group);
    }

    private async Task<(long RuleSetId, string Hash)> CompileAndApplyAsync(HttpClient net, string router, string group)
    {
        var published = (await api.WithScopeAsync(sp => sp.GetRequiredService<RuleSetPublisher>().PublishAsync("test", "test", CancellationToken.None)))
            .Single(g => g.RouterGroup == group);
        var deployment = (await (await net.GetAsync($"/api/v1/deployments?router={router}")).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .First(d => d!["state"]!.GetValue<string>() == "awaiting-external-apply")!;
        await (await net.PostAsJsonAsync($"/api/v1/deployments/{deployment["id"]}/external-apply", new { applied = true, output = "commit complete" }))
            .ExpectAsync(HttpStatusCode.OK);
        return (published.RuleSetId, published.Hash);
    }

    [Fact]
    public async Task Evidence_lists_each_live_interval_of_each_version_with_the_exemptions_and_approvers_behind_its_entries()
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var deskA = await api.ClientWithRolesAsync("desk-a", Roles.AbuseDesk);
        var deskB = await api.ClientWithRolesAsync("desk-b", Roles.AbuseDesk);
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        var (router, group) = await ExportModeRouterAsync(net);

        var periodStart = api.Clock.GetUtcNow();
        var firstPrefix = Provisioning.UniqueV4Prefix();
        var first = await ExemptAsync(crm, deskA, deskB, net, group, firstPrefix);
        api.Clock.Advance(TimeSpan.FromHours(1));
        var v1 = await CompileAndApplyAsync(net, router, group);
        var v1Live = api.Clock.GetUtcNow();
        api.Clock.Advance(TimeSpan.FromDays(2));
        var secondPrefix = Provisioning.UniqueV4Prefix();
        var second = await ExemptAsync(crm, deskA, deskB, net, group, secondPrefix);
        var v2 = await CompileAndApplyAsync(net, router, group);
        var v2Live = api.Clock.GetUtcNow();
        api.Clock.Advance(TimeSpan.FromDays(1));

        var rows = await ExportTesting.JsonLinesAsync(auditor, new
        {
            type = "deployment-evidence", format = "jsonl", from = periodStart, to = api.Clock.GetUtcNow(), router,
        });
        var intervals = rows.GroupBy(r => r["rule_set_hash"]!.GetValue<string>()).ToList();
        Assert.Equal([v1.Hash, v2.Hash], intervals.Select(g => g.Key));

        var firstInterval = Assert.Single(intervals[0]);
        Assert.Equal(v1.RuleSetId, firstInterval["rule_set_id"]!.GetValue<long>());
        Assert.Equal(v1Live, DateTimeOffset.Parse(firstInterval["live_from"]!.GetValue<string>()));
        Assert.Equal(v2Live, DateTimeOffset.Parse(firstInterval["live_until"]!.GetValue<string>()));
        Assert.Equal(firstPrefix, firstInterval["exempt_prefix"]!.GetValue<string>());
        Assert.Equal(first, firstInterval["exemption_id"]!.GetValue<long>());
        var approver = (await (await deskB.GetAsync($"/api/v1/exemptions/{first}")).ExpectAsync(HttpStatusCode.OK))["decidedBy"]!.GetValue<string>();
        Assert.Equal(approver, firstInterval["exemption_approved_by"]!.GetValue<string>());
        Assert.StartsWith("key:neteng", firstInterval["applied_by"]!.GetValue<string>());

        var secondInterval = intervals[1].ToList();
        Assert.All(secondInterval, r => Assert.Null(r["live_until"]));
        Assert.Equal([first, second], secondInterval.Select(r => r["exemption_id"]!.GetValue<long>()).Order());
        // Adjacent prefixes are aggregated into one entry naming both exemptions: the entry covers the exemption's prefix.
        var entry = System.Net.IPNetwork.Parse(secondInterval.Single(r => r["exemption_id"]!.GetValue<long>() == second)["exempt_prefix"]!.GetValue<string>());
        var exempted = System.Net.IPNetwork.Parse(secondPrefix);
        Assert.True(entry.Contains(exempted.BaseAddress) && entry.PrefixLength <= exempted.PrefixLength, $"{entry} does not cover {exempted}");

        // A period after v2 went live sees only v2, from the period's start.
        var later = await ExportTesting.JsonLinesAsync(auditor, new
        {
            type = "deployment-evidence", format = "jsonl", from = v2Live.AddHours(1), to = api.Clock.GetUtcNow(), router,
        });
        Assert.All(later, r => Assert.Equal(v2.Hash, r["rule_set_hash"]!.GetValue<string>()));
        Assert.All(later, r => Assert.Equal(v2Live.AddHours(1), DateTimeOffset.Parse(r["live_from"]!.GetValue<string>())));
    }

    [Fact]
    public async Task A_formula_justification_behind_an_exempt_entry_is_written_as_text_in_the_csv()
    {
        var net = await api.ClientWithRolesAsync("neteng", Roles.NetworkAdmin);
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        var (router, group) = await ExportModeRouterAsync(net);
        var from = api.Clock.GetUtcNow();
        var prefix = Provisioning.UniqueV4Prefix();
        await ExemptAsync(await api.ClientWithRolesAsync("crm", Roles.Provisioning), await api.ClientWithRolesAsync("desk-a", Roles.AbuseDesk),
            await api.ClientWithRolesAsync("desk-b", Roles.AbuseDesk), net, group, prefix, "=cmd|' /C calc'!A0");
        await CompileAndApplyAsync(net, router, group);
        api.Clock.Advance(TimeSpan.FromHours(1));

        var records = await ExportTesting.NeutralisedCsvAsync(auditor, new
        {
            type = "deployment-evidence", format = "csv", from, to = api.Clock.GetUtcNow(), router,
        });
        Assert.Equal("'=cmd|' /C calc'!A0", ExportTesting.Cell(records, prefix, "exemption_justification"));
    }
}

public sealed class DeploymentEvidenceExportTests_on_Sqlite(SqliteApiFactory api) : DeploymentEvidenceExportTests(api), IClassFixture<SqliteApiFactory>;

public sealed class DeploymentEvidenceExportTests_on_Postgres(PostgresApiFactory api) : DeploymentEvidenceExportTests(api), IClassFixture<PostgresApiFactory>;
