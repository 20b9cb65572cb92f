using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Jobs;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Lab;

/// <summary>
/// Approvals, revocations and expiries drawn from a seeded <see cref="Random"/>, made through the
/// API as the abuse desk would (an expiry: the window ends now and the window job moves it).
/// Every draw happens whatever the timing, so the seed alone decides the sequence.
/// </summary>
public sealed class PolicyChanges(AdminApiFactory api, Random random, HttpClient crm, HttpClient deskA, HttpClient deskB)
{
    private readonly List<long> _inForce = [];

    /// <summary>The exemptions approved and neither revoked nor expired yet.</summary>
    public IReadOnlyList<long> InForce => _inForce;

    public static async Task<PolicyChanges> CreateAsync(AdminApiFactory api, Random random) => new(api, random,
        await api.ClientWithRolesAsync("crm", Roles.Provisioning),
        await api.ClientWithRolesAsync("desk-a", Roles.AbuseDesk),
        await api.ClientWithRolesAsync("desk-b", Roles.AbuseDesk));

    /// <summary>One change: half approvals, the rest revocations and expiries of exemptions in force. <paramref name="approve"/> forces an approval (one that makes a push).</summary>
    public async Task<string> StepAsync(int step, bool approve = false)
    {
        var roll = random.Next(10);
        if (approve || roll < 5 || _inForce.Count == 0)
            return await ApproveAsync(step);
        var id = _inForce[random.Next(_inForce.Count)];
        _inForce.Remove(id);
        if (roll < 8)
        {
            await (await deskB.PostAsJsonAsync($"/api/v1/exemptions/{id}/revoke", new { reason = $"step {step}" })).ExpectAsync(HttpStatusCode.OK);
            return $"revoke {id}";
        }
        await api.WithDbAsync(async db =>
        {
            var e = await db.Exemptions.SingleAsync(x => x.Id == id);
            e.ValidUntil = DateTimeOffset.UtcNow;
            e.Version++;
            await db.SaveChangesAsync();
        });
        await api.WithScopeAsync(sp => sp.GetRequiredService<ExemptionWindowJob>().RunAsync(CancellationToken.None));
        return $"expire {id}";
    }

    /// <summary>A pause shorter or (one time in four) longer than a push, which takes a few hundred ms here.</summary>
    public TimeSpan Pause() => TimeSpan.FromMilliseconds(random.Next(4) == 0 ? random.Next(400, 1200) : random.Next(0, 100));

    private async Task<string> ApproveAsync(int step)
    {
        // Addresses in the lab's pools that no lab host uses: only the router's sets tell.
        var v4 = $"100.{96 + step / 200}.{step % 200}.{random.Next(1, 250)}/32";
        var v6 = $"2001:db8:100:{0x1000 + step:x}::/64";
        var subscriber = await Provisioning.SubscriberAsync(crm, "static-business", v4, v6);
        var id = (await (await deskA.PostAsJsonAsync("/api/v1/exemptions", new { subscriberExternalId = subscriber, prefixes = new[] { v4, v6 }, justification = "own MTA, PTR set" }))
            .ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();
        await (await deskB.PostAsJsonAsync($"/api/v1/exemptions/{id}/approve", new { })).ExpectAsync(HttpStatusCode.OK);
        _inForce.Add(id);
        return $"approve {id} ({v4}, {v6})";
    }
}
