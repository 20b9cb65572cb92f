using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Core.Deployments;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Core.Exemptions;

namespace Op25b.Api.Tests.Console;

/// <summary>The desk's pages in a real browser against the running host.</summary>
public sealed class ConsolePagesTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    /// <summary>Where the README's dashboard screenshot comes from (copied to ops-ui/docs by hand when the look changes).</summary>
    public const string DashboardScreenshot = "Dashboard";

    [Fact]
    public async Task The_dashboard_shows_the_seeded_attempts_as_a_chart_and_the_noisy_subscriber_on_top()
    {
        var page = await console.SignedInAsync(await console.Host.UserAsync("alice", Roles.Admin));

        Assert.Contains("Port 25 at a glance", await page.InnerTextAsync("h1"));
        Assert.Contains("60 in total", await page.InnerTextAsync("#total-7d"));
        Assert.Contains(console.NoisySubscriber, await page.InnerTextAsync(".top-subscribers tbody tr:first-child"));
        Assert.Contains("203.0.113.25", await page.InnerTextAsync(".top-destinations tbody tr:first-child"));
        Assert.Contains("bng-tokyo-1", await page.InnerTextAsync("#per-router"));
        // The chart library was served by the app itself and drew the series from the data attribute.
        await page.WaitForSelectorAsync("#attempts-chart[data-rendered='true']");
        await Browser.ScreenshotAsync(page, DashboardScreenshot);
    }

    [Fact]
    public async Task A_second_desk_member_approves_a_request_that_its_requester_could_not()
    {
        var requester = await console.SignedInAsync(console.Requester);
        await requester.GotoAsync("/ops/exemptions");
        Assert.Contains("Product eligible: yes", await requester.InnerTextAsync($"#request-{console.RequestId} .checks"));
        Assert.Contains("inside the subscriber's assignments: yes", await requester.InnerTextAsync($"#request-{console.RequestId} .checks"));
        Assert.Contains(console.NoisySubscriber, await requester.InnerTextAsync($"#expiring-{console.ExpiringId}"));
        var refused = await requester.RunAndWaitForResponseAsync(() =>
            requester.ClickAsync($"#request-{console.RequestId} button.approve"), r => r.Url.Contains("handler=Approve"));
        Assert.Equal(403, refused.Status);
        Assert.Contains("Four-eyes rule", await requester.InnerTextAsync("#decision-error"));
        await Browser.ScreenshotAsync(requester, nameof(A_second_desk_member_approves_a_request_that_its_requester_could_not) + "-refused");

        var approver = await console.SignedInAsync(await console.Host.UserAsync("sato", Roles.AbuseDesk));
        await approver.GotoAsync("/ops/exemptions");
        await approver.FillAsync($"#request-{console.RequestId} form:has(button.approve) input[name=reason]", "documents checked");
        await approver.ClickAsync($"#request-{console.RequestId} button.approve");
        Assert.Contains($"#{console.RequestId} approved", await approver.InnerTextAsync("#decision-done"));
        await Browser.ScreenshotAsync(approver, nameof(A_second_desk_member_approves_a_request_that_its_requester_could_not));

        await console.Host.WithDbAsync(async db =>
        {
            var exemption = await db.Exemptions.SingleAsync(e => e.Id == console.RequestId);
            Assert.NotEqual(ExemptionStatus.Requested, exemption.Status);
            Assert.StartsWith("user:sato", exemption.DecidedBy);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "exemption.approved" && a.EntityId == console.RequestId.ToString()
                && a.Actor.StartsWith("user:sato") && a.Reason == "documents checked"));
        });
    }

    [Fact]
    public async Task Switching_to_Japanese_is_remembered_on_every_later_page()
    {
        var page = await console.SignedInAsync(await console.Host.UserAsync("kato", Roles.AbuseDesk), locale: "en-US");
        Assert.Contains("Dashboard", await page.InnerTextAsync("nav"));

        await page.ClickAsync("#lang-ja");
        await page.WaitForSelectorAsync("html[lang=ja]");
        Assert.Contains("ポート25の概況", await page.InnerTextAsync("h1"));

        await page.GotoAsync("/ops/routers");
        Assert.Contains("ルーター", await page.InnerTextAsync("h1"));
        await page.GotoAsync($"/ops/subscribers/{console.NoisySubscriber}");
        Assert.Contains("基本情報", await page.InnerTextAsync("main"));
        Assert.Contains("+09:00", await page.InnerTextAsync("main"));
        await Browser.ScreenshotAsync(page, nameof(Switching_to_Japanese_is_remembered_on_every_later_page));
    }

    [Fact]
    public async Task A_browser_that_prefers_japanese_gets_the_japanese_console_without_asking()
    {
        var page = await console.Browser.NewPageAsync(console.Host.BaseUrl, locale: "ja-JP");
        await page.GotoAsync("/ops/login");

        Assert.Equal("ja", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("ログイン", await page.InnerTextAsync("h1"));
        await Browser.ScreenshotAsync(page, nameof(A_browser_that_prefers_japanese_gets_the_japanese_console_without_asking));
    }

    [Fact]
    public async Task The_subscriber_page_shows_product_addresses_attempts_and_the_exemption_history()
    {
        var page = await console.SignedInAsync(await console.Host.UserAsync("ito", Roles.AbuseDesk));
        await page.GotoAsync("/ops/subscribers?q=" + console.RequesterSubscriber);

        Assert.Contains(console.RequesterSubscriber, await page.InnerTextAsync("#subscriber"));
        Assert.Contains("static-business", await page.InnerTextAsync("#product"));
        Assert.Contains("exemption.requested", await page.InnerTextAsync($"#exemption-{console.RequestId}"));

        await page.GotoAsync($"/ops/subscribers/{console.NoisySubscriber}");
        Assert.Contains("60 in total", await page.InnerTextAsync("main"));
        Assert.Contains("203.0.113.25", await page.InnerTextAsync(".top-destinations"));
        await page.WaitForSelectorAsync("#attempts-chart[data-rendered='true']");
        await Browser.ScreenshotAsync(page, nameof(The_subscriber_page_shows_product_addresses_attempts_and_the_exemption_history));
    }

    [Fact]
    public async Task A_network_admin_sees_the_dry_run_difference_before_deploying_to_a_router()
    {
        var net = console.Host.ApiClient(console.NetworkKey);
        var group = await NetworkSetup.ExportRouterGroupAsync(net);

        var desk = await console.SignedInAsync(await console.Host.UserAsync("yamada", Roles.AbuseDesk));
        await desk.GotoAsync("/ops/routers");
        Assert.Equal(0, await desk.Locator($"#router-{group}-mx a.button").CountAsync());

        var page = await console.SignedInAsync(await console.Host.UserAsync("suzuki", Roles.NetworkAdmin));
        await page.GotoAsync("/ops/routers");
        await page.ClickAsync($"#router-{group}-mx a.button");
        Assert.Contains(Provisioning.UniqueV4Pool, await page.InnerTextAsync("#dry-run .diff"));
        Assert.Contains("awaiting external apply", await page.InnerTextAsync("#planned-state"));
        await Browser.ScreenshotAsync(page, nameof(A_network_admin_sees_the_dry_run_difference_before_deploying_to_a_router) + "-dry-run");

        await page.ClickAsync("#deploy");
        Assert.Contains("requested", await page.InnerTextAsync("#deploy-done"));
        await page.GotoAsync("/ops/routers");
        Assert.Contains("awaiting external apply", await page.InnerTextAsync($"#router-{group}-mx"));
        await Browser.ScreenshotAsync(page, nameof(A_network_admin_sees_the_dry_run_difference_before_deploying_to_a_router));
    }

    [Fact]
    public async Task A_network_admin_confirms_a_version_the_mass_removal_guard_held()
    {
        var net = console.Host.ApiClient(console.NetworkKey);
        var crm = console.Host.ApiClient(await console.Host.IssueKeyAsync("crm", Roles.Provisioning));
        var deskA = console.Host.ApiClient(await console.Host.IssueKeyAsync("desk-a", Roles.AbuseDesk));
        var deskB = console.Host.ApiClient(await console.Host.IssueKeyAsync("desk-b", Roles.AbuseDesk));
        var group = await NetworkSetup.ExportRouterGroupAsync(net);
        var exemptions = new List<long>();
        for (var i = 0; i < 2; i++)
        {
            var prefix = Provisioning.UniqueV4Prefix();
            var subscriber = await Provisioning.SubscriberAsync(crm, "static-business", prefix);
            var id = (await (await deskA.PostAsJsonAsync("/api/v1/exemptions", new { subscriberExternalId = subscriber, prefixes = new[] { prefix }, justification = "MTA" }))
                .ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();
            await (await deskB.PostAsJsonAsync($"/api/v1/exemptions/{id}/approve", new { })).ExpectAsync(HttpStatusCode.OK);
            exemptions.Add(id);
        }
        await CompileAsync();
        var first = await LatestDeploymentAsync($"{group}-mx");
        await (await net.PostAsJsonAsync($"/api/v1/deployments/{first}/external-apply", new { applied = true, output = "commit 1" })).ExpectAsync(HttpStatusCode.OK);
        foreach (var id in exemptions)
            await (await deskB.PostAsJsonAsync($"/api/v1/exemptions/{id}/revoke", new { reason = "contract ended" })).ExpectAsync(HttpStatusCode.OK);
        await CompileAsync();
        var held = await LatestDeploymentAsync($"{group}-mx");

        var page = await console.SignedInAsync(await console.Host.UserAsync("kimura", Roles.NetworkAdmin));
        await page.GotoAsync("/ops/routers");
        Assert.Contains("held", await page.InnerTextAsync($"#router-{group}-mx"));
        await page.FillAsync($"#held-{held} input[name=reason]", "both customers moved to the ISP relay");
        await page.ClickAsync($"#held-{held} button");
        Assert.Contains($"#{held} released", await page.InnerTextAsync("main"));
        await Browser.ScreenshotAsync(page, nameof(A_network_admin_confirms_a_version_the_mass_removal_guard_held));

        await console.Host.WithDbAsync(async db =>
        {
            var deployment = await db.Deployments.SingleAsync(d => d.Id == held);
            Assert.Equal(DeploymentState.AwaitingExternalApply, deployment.State);
            Assert.StartsWith("user:kimura", deployment.ConfirmedBy);
        });
    }

    private Task<IReadOnlyList<Api.Rollout.PublishedGroup>> CompileAsync() =>
        console.Host.WithScopeAsync(sp => sp.GetRequiredService<Api.Rollout.RuleSetPublisher>().PublishAsync("test", "test", CancellationToken.None));

    private async Task<long> LatestDeploymentAsync(string router)
    {
        long id = 0;
        await console.Host.WithDbAsync(async db =>
            id = await db.Deployments.Where(d => d.Router!.Name == router).MaxAsync(d => d.Id));
        return id;
    }
}
