using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Jobs;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Features.Exemptions;

/// <summary>
/// An exemption moving through its validity window as the (fake) clock advances and the
/// window job runs; history stays queryable afterwards. Own class: it moves the clock.
/// </summary>
public abstract class ExemptionLifecycleTests(AdminApiFactory api)
{
    [Fact]
    public async Task An_approved_exemption_activates_at_valid_from_expires_at_valid_until_and_history_still_answers()
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var requester = await api.ClientWithRolesAsync("desk-a", Roles.AbuseDesk);
        var approver = await api.ClientWithRolesAsync("desk-b", Roles.AbuseDesk);
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        var prefix = Provisioning.UniqueV4Prefix();
        var subscriber = await Provisioning.SubscriberAsync(crm, "static-business", prefix);
        var address = System.Net.IPNetwork.Parse(prefix).BaseAddress;

        var t0 = api.Clock.GetUtcNow();
        var validFrom = t0.AddDays(1);
        var validUntil = t0.AddDays(31);
        var id = (await (await requester.PostAsJsonAsync("/api/v1/exemptions", new
        {
            subscriberExternalId = subscriber, prefixes = new[] { prefix }, justification = "business MTA", validFrom, validUntil,
        })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();

        var approved = await (await approver.PostAsJsonAsync($"/api/v1/exemptions/{id}/approve", new { })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", approved["status"]!.GetValue<string>());
        Assert.False(await ExemptAsync(crm, address, t0.AddHours(1)));

        api.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await RunWindowJobAsync());
        Assert.Equal("active", await StatusAsync(crm, id));
        Assert.Equal(0, await RunWindowJobAsync());

        api.Clock.Advance(TimeSpan.FromDays(30));
        await RunWindowJobAsync();
        Assert.Equal("expired", await StatusAsync(crm, id));

        Assert.True(await ExemptAsync(crm, address, t0.AddDays(15)));
        Assert.False(await ExemptAsync(crm, address, t0.AddDays(32)));
        var inForce = await (await crm.GetAsync($"/api/v1/exemptions?inForceAt={Uri.EscapeDataString(t0.AddDays(2).ToString("O"))}&subscriber={subscriber}"))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, inForce["items"]!.AsArray().Single()!["id"]!.GetValue<long>());

        var trail = await (await auditor.GetAsync($"/api/v1/audit?entityType=exemption&entityId={id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            ["exemption.requested", "exemption.approved", "exemption.activated", "exemption.expired"],
            trail["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()));
        Assert.Equal("system", trail["items"]!.AsArray()[2]!["actor"]!.GetValue<string>());
    }

    private async Task<int> RunWindowJobAsync() =>
        await api.WithScopeAsync(sp => sp.GetRequiredService<ExemptionWindowJob>().RunAsync(CancellationToken.None));

    private static async Task<string> StatusAsync(HttpClient client, long id) =>
        (await (await client.GetAsync($"/api/v1/exemptions/{id}")).ExpectAsync(HttpStatusCode.OK))["status"]!.GetValue<string>();

    private static async Task<bool> ExemptAsync(HttpClient client, IPAddress address, DateTimeOffset at) =>
        (await (await client.GetAsync($"/api/v1/exemptions/lookup?ip={address}&at={Uri.EscapeDataString(at.ToString("O"))}"))
            .ExpectAsync(HttpStatusCode.OK))["exempt"]!.GetValue<bool>();
}

public sealed class ExemptionLifecycleTests_on_Sqlite(SqliteApiFactory api) : ExemptionLifecycleTests(api), IClassFixture<SqliteApiFactory>;

public sealed class ExemptionLifecycleTests_on_Postgres(PostgresApiFactory api) : ExemptionLifecycleTests(api), IClassFixture<PostgresApiFactory>;
