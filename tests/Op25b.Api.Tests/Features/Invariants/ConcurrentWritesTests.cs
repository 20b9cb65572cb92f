using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Core.Addressing;
using Op25b.Core.Exemptions;
using Op25b.Core.Subscribers;
using Op25b.Persistence.Integrity;

namespace Op25b.Api.Tests.Features.Invariants;

/// <summary>
/// Forty clients at once against the same thing: the database, not a read-then-write check,
/// decides who wins, and nobody gets a 500. Run on both providers.
/// </summary>
public abstract class ConcurrentWritesTests(AdminApiFactory api)
{
    private static HttpRequestMessage Json(HttpMethod method, string url, object body, string? idempotencyKey = null)
    {
        var message = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
            message.Headers.Add("Idempotency-Key", idempotencyKey);
        return message;
    }

    [Fact]
    public async Task Forty_concurrent_assignments_of_one_prefix_to_different_subscribers_leave_exactly_one_holder()
    {
        var key = await api.IssueKeyAsync("crm", Roles.Provisioning);
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var prefix = Provisioning.UniqueV4Prefix();
        var subscribers = new List<string>();
        for (var i = 0; i < ParallelClients.Count; i++)
            subscribers.Add(await Provisioning.SubscriberAsync(crm));

        var answers = await ParallelClients.BurstAsync(api, key, i =>
            Json(HttpMethod.Post, $"/api/v1/subscribers/{subscribers[i]}/assignments", new { prefix }));

        ParallelClients.AssertOnly(answers, HttpStatusCode.Created, HttpStatusCode.Conflict);
        Assert.Equal(1, answers.CountOf(HttpStatusCode.Created));
        await api.WithDbAsync(async db =>
            Assert.Equal(1, await db.AddressAssignments.CountAsync(a => a.Prefix == System.Net.IPNetwork.Parse(prefix))));
    }

    [Fact]
    public async Task Forty_identical_assignments_to_one_subscriber_converge_on_one_row()
    {
        var key = await api.IssueKeyAsync("crm", Roles.Provisioning);
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var prefix = Provisioning.UniqueV4Prefix();
        var subscriber = await Provisioning.SubscriberAsync(crm);
        var validFrom = api.Clock.GetUtcNow();

        var answers = await ParallelClients.BurstAsync(api, key, _ =>
            Json(HttpMethod.Post, $"/api/v1/subscribers/{subscriber}/assignments", new { prefix, validFrom }));

        ParallelClients.AssertOnly(answers, HttpStatusCode.Created, HttpStatusCode.OK);
        Assert.Equal(1, answers.CountOf(HttpStatusCode.Created));
        Assert.Single(answers.Select(a => a.Json["id"]!.GetValue<long>()).Distinct());
    }

    [Fact]
    public async Task Forty_concurrent_identical_subscriber_puts_converge_without_5xx_or_412()
    {
        var key = await api.IssueKeyAsync("crm", Roles.Provisioning);
        var id = Provisioning.NewExternalId();

        var created = await ParallelClients.BurstAsync(api, key, _ =>
            Json(HttpMethod.Put, $"/api/v1/subscribers/{id}", new { displayName = "山田商店", productCode = "static-business" }));
        ParallelClients.AssertOnly(created, HttpStatusCode.Created, HttpStatusCode.OK);
        Assert.Equal(1, created.CountOf(HttpStatusCode.Created));

        // Without If-Match the last write wins: a concurrent writer is never told its version is stale.
        var updated = await ParallelClients.BurstAsync(api, key, i =>
            Json(HttpMethod.Put, $"/api/v1/subscribers/{id}", new { displayName = $"山田商店 {i % 2}", productCode = "static-business" }));
        ParallelClients.AssertOnly(updated, HttpStatusCode.OK);

        await api.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.Subscribers.CountAsync(s => s.ExternalId == id));
            Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.EntityId == id && e.Action == "subscriber.created"));
        });
    }

    [Fact]
    public async Task Forty_concurrent_requests_with_one_idempotency_key_make_one_exemption_and_a_changed_body_is_422()
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var key = await api.IssueKeyAsync("desk-a", Roles.AbuseDesk);
        var prefix = Provisioning.UniqueV4Prefix();
        var subscriber = await Provisioning.SubscriberAsync(crm, "static-business", prefix);
        var body = new { subscriberExternalId = subscriber, prefixes = new[] { prefix }, justification = "MTA" };
        var idempotencyKey = $"ticket-{Guid.NewGuid():N}";

        var answers = await ParallelClients.BurstAsync(api, key, _ => Json(HttpMethod.Post, "/api/v1/exemptions", body, idempotencyKey));

        // One creates; the others either see it in flight (409) or get its result again.
        ParallelClients.AssertOnly(answers, HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict);
        Assert.Equal(1, answers.CountOf(HttpStatusCode.Created));
        var id = answers.Single(a => a.Status == HttpStatusCode.Created).Json["id"]!.GetValue<long>();
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.OK), a => Assert.Equal(id, a.Json["id"]!.GetValue<long>()));
        await api.WithDbAsync(async db => Assert.Equal(1, await db.Exemptions.CountAsync(e => e.Subscriber!.ExternalId == subscriber)));

        using var desk = await api.ClientWithRolesAsync("desk-a", Roles.AbuseDesk);
        desk.DefaultRequestHeaders.Authorization = new("ApiKey", key);
        var replay = await (await desk.SendAsync(Json(HttpMethod.Post, "/api/v1/exemptions", body, idempotencyKey))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, replay["id"]!.GetValue<long>());
        await (await desk.SendAsync(Json(HttpMethod.Post, "/api/v1/exemptions", body with { justification = "another MTA" }, idempotencyKey)))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
    }

    [Fact]
    public async Task Forty_parallel_approvals_of_one_exemption_record_exactly_one_approval()
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var requester = await api.ClientWithRolesAsync("desk-a", Roles.AbuseDesk);
        var approverKey = await api.IssueKeyAsync("desk-b", Roles.AbuseDesk);
        var prefix = Provisioning.UniqueV4Prefix();
        var subscriber = await Provisioning.SubscriberAsync(crm, "static-business", prefix);
        var id = (await (await requester.PostAsJsonAsync("/api/v1/exemptions",
                new { subscriberExternalId = subscriber, prefixes = new[] { prefix }, justification = "MTA" }))
            .ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();

        var answers = await ParallelClients.BurstAsync(api, approverKey, _ => Json(HttpMethod.Post, $"/api/v1/exemptions/{id}/approve", new { }));

        ParallelClients.AssertOnly(answers, HttpStatusCode.OK, HttpStatusCode.Conflict);
        Assert.Equal(1, answers.CountOf(HttpStatusCode.OK));
        await api.WithDbAsync(async db =>
            Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.EntityId == id.ToString() && e.Action == "exemption.approved")));
    }

    [Fact]
    public async Task A_unique_key_race_anywhere_else_is_a_409_problem_never_a_500()
    {
        var key = await api.IssueKeyAsync("admin", Roles.Admin);
        var code = $"p-{Guid.NewGuid().ToString("N")[..8]}";

        // Products have no turn-taking of their own: the losers of the insert race meet the unique key.
        var answers = await ParallelClients.BurstAsync(api, key, _ =>
            Json(HttpMethod.Put, $"/api/v1/products/{code}", new { name = "Business fibre", inBlockingScope = false, exemptionEligible = true }));

        ParallelClients.AssertOnly(answers, HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict);
        Assert.Equal(1, answers.CountOf(HttpStatusCode.Created));
        await api.WithDbAsync(async db => Assert.Equal(1, await db.Products.CountAsync(p => p.Code == code)));
    }

    [Fact]
    public async Task The_database_itself_refuses_a_second_holder_and_a_second_claim_written_past_the_api()
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var desk = await api.ClientWithRolesAsync("desk-a", Roles.AbuseDesk);
        var block = System.Net.IPNetwork.Parse(Provisioning.UniqueV4Prefix());
        var inside = new System.Net.IPNetwork(block.BaseAddress, 30);
        var holder = await Provisioning.SubscriberAsync(crm, "static-business", block.ToString());
        var other = await Provisioning.SubscriberAsync(crm);
        var exemption = (await (await desk.PostAsJsonAsync("/api/v1/exemptions",
                new { subscriberExternalId = holder, prefixes = new[] { block.ToString() }, justification = "MTA" }))
            .ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();
        var now = api.Clock.GetUtcNow();

        await api.WithDbAsync(async db =>
        {
            var otherId = await db.Subscribers.Where(s => s.ExternalId == other).Select(s => s.Id).SingleAsync();
            var second = AddressAssignment.For(inside, now.AddDays(-1), null, now);
            second.SubscriberId = otherId;
            db.AddressAssignments.Add(second);
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal(ConstraintViolation.OneHolderPerAddress, ConstraintViolation.Find(refused)?.Constraint);
            db.ChangeTracker.Clear();

            db.Exemptions.Add(ClaimOf(otherId, inside, now));
            refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal(ConstraintViolation.OneClaimPerExemptedAddress, ConstraintViolation.Find(refused)?.Constraint);
            db.ChangeTracker.Clear();
        });

        // Once the first exemption stops claiming the address, the database lets another claim it.
        var decider = await api.ClientWithRolesAsync("desk-b", Roles.AbuseDesk);
        await (await decider.PostAsJsonAsync($"/api/v1/exemptions/{exemption}/reject", new { reason = "no MTA" })).ExpectAsync(HttpStatusCode.OK);
        await api.WithDbAsync(async db =>
        {
            var otherId = await db.Subscribers.Where(s => s.ExternalId == other).Select(s => s.Id).SingleAsync();
            db.Exemptions.Add(ClaimOf(otherId, inside, now));
            await db.SaveChangesAsync();
        });
    }

    private static Exemption ClaimOf(long subscriberId, System.Net.IPNetwork prefix, DateTimeOffset now) => new()
    {
        SubscriberId = subscriberId, Status = ExemptionStatus.Requested, Justification = "past the API", RequestedBy = "test",
        RequestedAt = now, ValidFrom = now, Version = 1, Prefixes = [ExemptionPrefix.For(PrefixRange.Of(prefix))],
    };

    [Fact]
    public async Task A_key_still_in_flight_is_409_a_changed_body_422_and_a_dead_claim_is_taken_over()
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var desk = await api.ClientWithRolesAsync("desk-a", Roles.AbuseDesk);
        var prefix = Provisioning.UniqueV4Prefix();
        var subscriber = await Provisioning.SubscriberAsync(crm, "static-business", prefix, Provisioning.UniqueV4Prefix());
        var requester = await RequesterNameAsync(desk, subscriber);
        var request = new Api.Features.Exemptions.Request.Request
        {
            SubscriberExternalId = subscriber, Prefixes = [prefix], Justification = "MTA",
        };
        var key = $"ticket-{Guid.NewGuid():N}";
        await api.WithDbAsync(async db =>
        {
            db.IdempotencyClaims.Add(new IdempotencyClaim
            {
                Operation = "POST /exemptions", Owner = requester, Key = key, Fingerprint = request.Fingerprint(), ClaimedAt = api.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        });
        var body = new { subscriberExternalId = subscriber, prefixes = new[] { prefix }, justification = "MTA" };

        await (await desk.SendAsync(Json(HttpMethod.Post, "/api/v1/exemptions", body, key))).ExpectProblemAsync(HttpStatusCode.Conflict, "Idempotency-Key");
        await (await desk.SendAsync(Json(HttpMethod.Post, "/api/v1/exemptions", body with { justification = "other" }, key)))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "Idempotency-Key");

        api.Clock.Advance(IdempotencyClaims.Lease + TimeSpan.FromSeconds(1));
        await (await desk.SendAsync(Json(HttpMethod.Post, "/api/v1/exemptions", body, key))).ExpectAsync(HttpStatusCode.Created);
        await api.WithDbAsync(async db => Assert.False(await db.IdempotencyClaims.AnyAsync(c => c.Key == key)));
    }

    /// <summary>Keys belong to the caller: learn the name the API records for this client from a request it files.</summary>
    private static async Task<string> RequesterNameAsync(HttpClient desk, string subscriber)
    {
        var assignments = await (await desk.GetAsync($"/api/v1/subscribers/{subscriber}/assignments")).ExpectAsync(HttpStatusCode.OK);
        var spare = assignments.AsArray()[1]!["prefix"]!.GetValue<string>();
        return (await (await desk.PostAsJsonAsync("/api/v1/exemptions", new { subscriberExternalId = subscriber, prefixes = new[] { spare }, justification = "MTA" }))
            .ExpectAsync(HttpStatusCode.Created))["requestedBy"]!.GetValue<string>();
    }
}

public sealed class ConcurrentWritesTests_on_Sqlite(SqliteApiFactory api) : ConcurrentWritesTests(api), IClassFixture<SqliteApiFactory>;

public sealed class ConcurrentWritesTests_on_Postgres(PostgresApiFactory api) : ConcurrentWritesTests(api), IClassFixture<PostgresApiFactory>;
