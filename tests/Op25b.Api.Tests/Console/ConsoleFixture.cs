using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Core.Attempts;
using Op25b.Persistence.Attempts;

namespace Op25b.Api.Tests.Console;

/// <summary>
/// A running host with a browser and a small, known world: one noisy subscriber with attempts
/// over the last three days, a quiet one, and an exemption request made by a console user.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public ConsoleHost Host { get; } = new();
    public Browser Browser { get; } = new();
    public string NoisySubscriber { get; private set; } = "";
    public string RequesterSubscriber { get; private set; } = "";
    public string Requester { get; private set; } = "";
    public long RequestId { get; private set; }
    public long ExpiringId { get; private set; }
    public string NetworkKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Browser.InitializeAsync();
        var crm = Host.ApiClient(await Host.IssueKeyAsync("crm", Roles.Provisioning));
        var desk = Host.ApiClient(await Host.IssueKeyAsync("desk", Roles.AbuseDesk));
        NetworkKey = await Host.IssueKeyAsync("net", Roles.NetworkAdmin);

        var noisyPrefix = Provisioning.UniqueV4Prefix();
        NoisySubscriber = await Provisioning.SubscriberAsync(crm, "static-business", noisyPrefix);
        var requestPrefix = Provisioning.UniqueV4Prefix();
        RequesterSubscriber = await Provisioning.SubscriberAsync(crm, "static-business", requestPrefix);
        Host.Clock.Advance(TimeSpan.FromDays(3));

        await StoreAttemptsAsync(IPNetwork.Parse(noisyPrefix).BaseAddress);

        // An exemption in force that ends in ten days: the queue's "expiring" list must show it.
        var approver = Host.ApiClient(await Host.IssueKeyAsync("desk-b", Roles.AbuseDesk));
        ExpiringId = (await (await desk.PostAsJsonAsync("/api/v1/exemptions", new
        {
            subscriberExternalId = NoisySubscriber, prefixes = new[] { noisyPrefix }, justification = "Trial MTA",
            validUntil = Host.Clock.GetUtcNow().AddDays(10),
        })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();
        await (await approver.PostAsJsonAsync($"/api/v1/exemptions/{ExpiringId}/approve", new { })).ExpectAsync(HttpStatusCode.OK);

        // The desk member "tanaka" asked for this exemption (recorded as her console identity), so
        // she must not be the one who approves it.
        Requester = await Host.UserAsync("tanaka", Roles.AbuseDesk);
        RequestId = (await (await desk.PostAsJsonAsync("/api/v1/exemptions", new
        {
            subscriberExternalId = RequesterSubscriber, prefixes = new[] { requestPrefix }, justification = "Own MTA mail.example.jp, PTR set",
        })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();
        await Host.WithDbAsync(async db =>
            await db.Exemptions.Where(e => e.Id == RequestId).ExecuteUpdateAsync(u => u.SetProperty(e => e.RequestedBy, $"user:{Requester}")));
    }

    /// <summary>Attempts as routers report them, through the real store (attribution and hourly rollup).</summary>
    private async Task StoreAttemptsAsync(IPAddress source)
    {
        var now = Host.Clock.GetUtcNow();
        var attempts = new List<BlockedAttempt>();
        for (var i = 0; i < 60; i++)
        {
            var at = now.AddMinutes(-30 - i * 50);
            var destination = IPAddress.Parse(i % 3 == 0 ? "203.0.113.25" : $"198.51.100.{i % 7 + 1}");
            attempts.Add(BlockedAttempt.From(new BlockedAttemptRecord(at, "bng-tokyo-1", source, 40000 + i, destination, 25, "tcp",
                AttemptAction.Dropped), "test", at));
        }
        await Host.WithScopeAsync(sp => sp.GetRequiredService<AttemptStore>().StoreAsync(attempts, CancellationToken.None));
    }

    /// <summary>A new browser profile, signed in as <paramref name="user"/>.</summary>
    public async Task<IPage> SignedInAsync(string user, string locale = "en-US")
    {
        var page = await Browser.NewPageAsync(Host.BaseUrl, locale);
        await SignInAsync(page, user, ConsoleHost.Password);
        await page.WaitForURLAsync(u => !u.Contains("/ops/login"));
        return page;
    }

    public static async Task SignInAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/ops/login");
        await page.FillAsync("#Name", user);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("#sign-in");
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Host.DisposeAsync();
    }
}
