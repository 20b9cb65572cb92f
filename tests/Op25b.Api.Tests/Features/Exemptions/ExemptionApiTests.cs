using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Features.Exemptions;

/// <summary>Requesting and deciding exemptions; run on both database providers.</summary>
public abstract class ExemptionApiTests(AdminApiFactory api)
{
    private sealed record Desk(HttpClient Crm, HttpClient Requester, HttpClient Approver);

    private async Task<Desk> DeskAsync() => new(
        await api.ClientWithRolesAsync("crm", Roles.Provisioning),
        await api.ClientWithRolesAsync("desk-a", Roles.AbuseDesk),
        await api.ClientWithRolesAsync("desk-b", Roles.AbuseDesk));

    private static Task<HttpResponseMessage> RequestAsync(HttpClient client, string subscriber, params string[] prefixes) =>
        client.PostAsJsonAsync("/api/v1/exemptions", new
        {
            subscriberExternalId = subscriber,
            prefixes,
            justification = "自社MTA mail.example.jp; PTR set; AUP accepted",
        });

    [Fact]
    public async Task Crm_creates_a_subscriber_one_key_requests_and_another_approves_then_the_address_is_exempt()
    {
        var desk = await DeskAsync();
        var v4 = Provisioning.UniqueV4Prefix();
        var v6 = Provisioning.UniqueV6Prefix();
        var subscriber = await Provisioning.SubscriberAsync(desk.Crm, "static-business", v4, v6);

        var requested = await (await RequestAsync(desk.Requester, subscriber, v4, v6)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("requested", requested["status"]!.GetValue<string>());
        // No subscriber pool covers these addresses in this database: accepted, but flagged as pointless.
        Assert.Contains("outside every subscriber pool", requested["warnings"]!.ToJsonString());
        var id = requested["id"]!.GetValue<long>();

        var approved = await (await desk.Approver.PostAsJsonAsync($"/api/v1/exemptions/{id}/approve", new { reason = "documents checked" }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("active", approved["status"]!.GetValue<string>());
        Assert.StartsWith("key:desk-b", approved["decidedBy"]!.GetValue<string>());

        var host = System.Net.IPNetwork.Parse(v4).BaseAddress.GetAddressBytes();
        host[3] += 5;
        var lookup = await (await desk.Crm.GetAsync($"/api/v1/exemptions/lookup?ip={new IPAddress(host)}")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(lookup["exempt"]!.GetValue<bool>());
        Assert.Equal(id, lookup["exemption"]!["id"]!.GetValue<long>());
        Assert.Equal(v4, lookup["matchedPrefix"]!.GetValue<string>());

        var inside = v6.Replace("::/56", "::1");
        var byIp = await (await desk.Crm.GetAsync($"/api/v1/exemptions?containsIp={inside}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, byIp["items"]!.AsArray().Single()!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_requester_cannot_approve_their_own_request()
    {
        var desk = await DeskAsync();
        var prefix = Provisioning.UniqueV4Prefix();
        var subscriber = await Provisioning.SubscriberAsync(desk.Crm, "static-business", prefix);
        var id = (await (await RequestAsync(desk.Requester, subscriber, prefix)).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();

        var problem = await (await desk.Requester.PostAsJsonAsync($"/api/v1/exemptions/{id}/approve", new { }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "approver");
        Assert.Contains("Four-eyes", problem["detail"]!.GetValue<string>());
        var still = await (await desk.Crm.GetAsync($"/api/v1/exemptions/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("requested", still["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deciding_an_already_decided_request_is_a_conflict()
    {
        var desk = await DeskAsync();
        var prefix = Provisioning.UniqueV4Prefix();
        var subscriber = await Provisioning.SubscriberAsync(desk.Crm, "static-business", prefix);
        var id = (await (await RequestAsync(desk.Requester, subscriber, prefix)).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();
        await (await desk.Approver.PostAsJsonAsync($"/api/v1/exemptions/{id}/reject", new { reason = "no PTR record" })).ExpectAsync(HttpStatusCode.OK);

        await (await desk.Approver.PostAsJsonAsync($"/api/v1/exemptions/{id}/approve", new { }))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "status");
    }

    [Fact]
    public async Task Reject_and_revoke_require_a_reason()
    {
        var desk = await DeskAsync();
        var prefix = Provisioning.UniqueV4Prefix();
        var subscriber = await Provisioning.SubscriberAsync(desk.Crm, "static-business", prefix);
        var id = (await (await RequestAsync(desk.Requester, subscriber, prefix)).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();
        await (await desk.Approver.PostAsJsonAsync($"/api/v1/exemptions/{id}/reject", new { })).ExpectProblemAsync(HttpStatusCode.BadRequest, "reason");

        await (await desk.Approver.PostAsJsonAsync($"/api/v1/exemptions/{id}/approve", new { })).ExpectAsync(HttpStatusCode.OK);
        await (await desk.Approver.PostAsJsonAsync($"/api/v1/exemptions/{id}/revoke", new { reason = "" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "reason");
        var revoked = await (await desk.Approver.PostAsJsonAsync($"/api/v1/exemptions/{id}/revoke", new { reason = "spam run reported by JPCERT" }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("revoked", revoked["status"]!.GetValue<string>());
        Assert.Equal("spam run reported by JPCERT", revoked["revocationReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_prefix_outside_the_subscribers_assignments_is_rejected_naming_that_prefix()
    {
        var desk = await DeskAsync();
        var held = Provisioning.UniqueV4Prefix();
        var subscriber = await Provisioning.SubscriberAsync(desk.Crm, "static-business", held);
        await (await RequestAsync(desk.Requester, subscriber, held, Provisioning.UniqueV4Prefix()))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "prefixes[1]");
    }

    [Fact]
    public async Task A_prefix_with_host_bits_set_is_rejected_with_the_prefix_meant()
    {
        var desk = await DeskAsync();
        var subscriber = await Provisioning.SubscriberAsync(desk.Crm);
        var problem = await (await RequestAsync(desk.Requester, subscriber, "198.51.100.1/24"))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "prefixes[0]");
        Assert.Contains("did you mean 198.51.100.0/24", problem.ToJsonString());
    }

    [Fact]
    public async Task An_ineligible_product_is_refused_unless_an_admin_overrides_with_a_reason()
    {
        var desk = await DeskAsync();
        var prefix = Provisioning.UniqueV4Prefix();
        var subscriber = await Provisioning.SubscriberAsync(desk.Crm, "dynamic-residential", prefix);
        await (await RequestAsync(desk.Requester, subscriber, prefix)).ExpectProblemAsync(HttpStatusCode.BadRequest, "subscriberExternalId");

        var body = new { subscriberExternalId = subscriber, prefixes = new[] { prefix }, justification = "trial", eligibilityOverrideReason = "contract pending" };
        await (await desk.Requester.PostAsJsonAsync("/api/v1/exemptions", body)).ExpectProblemAsync(HttpStatusCode.Forbidden, "eligibilityOverrideReason");

        var admin = await api.ClientWithRolesAsync("admin", Roles.Admin);
        var created = await (await admin.PostAsJsonAsync("/api/v1/exemptions", body)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("contract pending", created["eligibilityOverrideReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_overlapping_request_is_refused_while_another_exemption_claims_the_prefix()
    {
        var desk = await DeskAsync();
        var prefix = Provisioning.UniqueV6Prefix();
        var subscriber = await Provisioning.SubscriberAsync(desk.Crm, "static-business", prefix);
        await (await RequestAsync(desk.Requester, subscriber, prefix)).ExpectAsync(HttpStatusCode.Created);
        var narrower = prefix.Replace("::/56", "::/60");
        await (await RequestAsync(desk.Requester, subscriber, narrower)).ExpectProblemAsync(HttpStatusCode.Conflict, "prefixes[0]");
    }

    [Fact]
    public async Task An_IPv6_host_address_cannot_be_exempted()
    {
        var desk = await DeskAsync();
        var prefix = Provisioning.UniqueV6Prefix();
        var subscriber = await Provisioning.SubscriberAsync(desk.Crm, "static-business", prefix);
        await (await RequestAsync(desk.Requester, subscriber, prefix.Replace("::/56", "::25/128")))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "prefixes[0]");
    }

    [Fact]
    public async Task Valid_until_before_valid_from_is_rejected()
    {
        var desk = await DeskAsync();
        var prefix = Provisioning.UniqueV4Prefix();
        var subscriber = await Provisioning.SubscriberAsync(desk.Crm, "static-business", prefix);
        var from = api.Clock.GetUtcNow().AddDays(10);
        await (await desk.Requester.PostAsJsonAsync("/api/v1/exemptions", new
        {
            subscriberExternalId = subscriber, prefixes = new[] { prefix }, justification = "x", validFrom = from, validUntil = from.AddDays(-1),
        })).ExpectProblemAsync(HttpStatusCode.BadRequest, "validUntil");
    }

    [Fact]
    public async Task An_unknown_subscriber_is_rejected_naming_the_field()
    {
        var desk = await DeskAsync();
        await (await RequestAsync(desk.Requester, "CRM-nobody", "198.51.100.0/29"))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "subscriberExternalId");
    }

    [Fact]
    public async Task A_retried_request_with_the_same_idempotency_key_returns_the_first_result()
    {
        var desk = await DeskAsync();
        var prefix = Provisioning.UniqueV4Prefix();
        var subscriber = await Provisioning.SubscriberAsync(desk.Crm, "static-business", prefix);
        HttpRequestMessage Attempt()
        {
            var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/exemptions")
            {
                Content = JsonContent.Create(new { subscriberExternalId = subscriber, prefixes = new[] { prefix }, justification = "MTA" }),
            };
            message.Headers.Add("Idempotency-Key", "crm-ticket-4711");
            return message;
        }

        var first = await (await desk.Requester.SendAsync(Attempt())).ExpectAsync(HttpStatusCode.Created);
        var retry = await (await desk.Requester.SendAsync(Attempt())).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(first["id"]!.GetValue<long>(), retry["id"]!.GetValue<long>());
        var listed = await (await desk.Crm.GetAsync($"/api/v1/exemptions?subscriber={subscriber}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(listed["items"]!.AsArray());
    }

    [Fact]
    public async Task A_refused_request_writes_neither_an_exemption_nor_an_audit_entry()
    {
        var desk = await DeskAsync();
        var subscriber = await Provisioning.SubscriberAsync(desk.Crm, "static-business", Provisioning.UniqueV4Prefix());
        long exemptions = 0, audits = 0;
        await api.WithDbAsync(async db => (exemptions, audits) = (await db.Exemptions.LongCountAsync(), await db.AuditEntries.LongCountAsync()));

        await (await RequestAsync(desk.Requester, subscriber, Provisioning.UniqueV4Prefix())).ExpectProblemAsync(HttpStatusCode.BadRequest, "prefixes[0]");

        await api.WithDbAsync(async db =>
        {
            Assert.Equal(exemptions, await db.Exemptions.LongCountAsync());
            Assert.Equal(audits, await db.AuditEntries.LongCountAsync());
        });
    }

    [Fact]
    public async Task Malformed_json_wrong_content_type_and_oversized_bodies_get_problem_documents()
    {
        var desk = await DeskAsync();
        var malformed = new StringContent("{\"subscriberExternalId\": \"x\", \"prefixes\": [", Encoding.UTF8, "application/json");
        var problem = await (await desk.Requester.PostAsync("/api/v1/exemptions", malformed)).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem["errors"]!.AsArray());

        var wrongType = new StringContent("subscriberExternalId=x", Encoding.UTF8, "text/plain");
        await (await desk.Requester.PostAsync("/api/v1/exemptions", wrongType)).ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var huge = new StringContent($"{{\"justification\": \"{new string('x', 100_000)}\"}}", Encoding.UTF8, "application/json");
        await (await desk.Requester.PostAsync("/api/v1/exemptions", huge)).ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge, "body");

        await (await desk.Requester.GetAsync("/api/v1/exemptions?pageSize=201")).ExpectProblemAsync(HttpStatusCode.BadRequest, "pageSize");
        await (await desk.Requester.GetAsync("/api/v1/exemptions/lookup?ip=not-an-ip")).ExpectProblemAsync(HttpStatusCode.BadRequest, "ip");
    }
}

public sealed class ExemptionApiTests_on_Sqlite(SqliteApiFactory api) : ExemptionApiTests(api), IClassFixture<SqliteApiFactory>;

public sealed class ExemptionApiTests_on_Postgres(PostgresApiFactory api) : ExemptionApiTests(api), IClassFixture<PostgresApiFactory>;
