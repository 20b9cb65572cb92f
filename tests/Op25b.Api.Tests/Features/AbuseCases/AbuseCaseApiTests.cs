using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Jobs;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using static Op25b.Api.Tests.Features.AbuseCases.RollupSeeding;

namespace Op25b.Api.Tests.Features.AbuseCases;

/// <summary>Offenders from the rollup, the offender job, and working abuse cases through the API; run on both providers.</summary>
public abstract class AbuseCaseApiTests(AdminApiFactory api)
{
    private sealed record Desk(HttpClient Crm, HttpClient DeskA, HttpClient DeskB, HttpClient Auditor);

    private async Task<Desk> DeskAsync() => new(
        await api.ClientWithRolesAsync("crm", Roles.Provisioning),
        await api.ClientWithRolesAsync("desk-a", Roles.AbuseDesk),
        await api.ClientWithRolesAsync("desk-b", Roles.AbuseDesk),
        await api.ClientWithRolesAsync("auditor", Roles.Auditor));

    private async Task<(string ExternalId, long Id)> SubscriberAsync(HttpClient crm, string product = "dynamic-residential", params string[] prefixes)
    {
        var externalId = await Provisioning.SubscriberAsync(crm, product, prefixes);
        var id = await api.WithScopeAsync(sp => sp.GetRequiredService<Op25b.Persistence.AdminDbContext>()
            .Subscribers.Where(s => s.ExternalId == externalId).Select(s => s.Id).SingleAsync());
        return (externalId, id);
    }

    private static Task<HttpResponseMessage> OpenAsync(HttpClient client, string subscriber, string reason = "complaint from a receiving ISP") =>
        client.PostAsJsonAsync("/api/v1/abuse-cases", new { subscriberExternalId = subscriber, reason });

    private static Task<HttpResponseMessage> MoveAsync(HttpClient client, long id, string target, string? note = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/abuse-cases/{id}/transitions") { Content = JsonContent.Create(new { targetState = target, note }) };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    private static JsonNodeList Offenders(System.Text.Json.Nodes.JsonNode body) => new(body["offenders"]!.AsArray());

    private sealed record JsonNodeList(System.Text.Json.Nodes.JsonArray Items)
    {
        public System.Text.Json.Nodes.JsonNode? Of(string externalId) =>
            Items.SingleOrDefault(o => o!["subscriberExternalId"]!.GetValue<string>() == externalId);
    }

    [Fact]
    public async Task Offenders_are_those_over_a_threshold_or_far_above_their_own_baseline_and_not_a_steady_or_unattributed_sender()
    {
        var desk = await DeskAsync();
        var now = api.Clock.GetUtcNow();
        var burst = await SubscriberAsync(desk.Crm);
        var aboveBaseline = await SubscriberAsync(desk.Crm);
        var steady = await SubscriberAsync(desk.Crm);
        var spreader = await SubscriberAsync(desk.Crm);
        await AddAsync(api, [
            Row(burst.Id, HourOf(now), 90, router: "bng-1"), Row(burst.Id, HourOf(now), 60, router: "bng-2"),
            .. Baseline(aboveBaseline.Id, now, 1), Row(aboveBaseline.Id, HourOf(now).AddHours(-1), 30),
            .. Baseline(steady.Id, now, 5), Row(steady.Id, HourOf(now), 30),
            .. Enumerable.Range(1, 25).Select(i => Row(spreader.Id, HourOf(now), 1, destination: $"198.51.100.{i}")),
            Row(0, HourOf(now), 5000),
        ]);

        var offenders = Offenders(await (await desk.DeskA.GetAsync("/api/v1/offenders")).ExpectAsync(HttpStatusCode.OK));

        var b = offenders.Of(burst.ExternalId)!;
        Assert.Equal(150, b["attempts"]!.GetValue<long>());
        Assert.Equal("attempts-per-hour", b["triggers"]![0]!.GetValue<string>());
        Assert.Contains("150 blocked port-25 attempts", b["reason"]!.GetValue<string>());
        var a = offenders.Of(aboveBaseline.ExternalId)!;
        Assert.Equal(["above-baseline"], a["triggers"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(1.0, a["baselinePerHour"]!.GetValue<double>());
        Assert.Null(offenders.Of(steady.ExternalId)); // 30 in the hour against a mean of 5: limit 50
        var s = offenders.Of(spreader.ExternalId)!;
        Assert.Equal(25, s["distinctDestinations"]!.GetValue<int>());
        Assert.Contains("destinations-per-hour", s["triggers"]!.ToJsonString());
        Assert.Null(s["openCaseId"]);
        // The auditor may read; a provisioning key may not.
        await (await desk.Auditor.GetAsync("/api/v1/offenders")).ExpectAsync(HttpStatusCode.OK);
        await (await desk.Crm.GetAsync("/api/v1/offenders")).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Attempts_ingested_through_the_api_reach_the_rollup_and_make_their_subscriber_an_offender()
    {
        var desk = await DeskAsync();
        var net = await api.ClientWithRolesAsync("collector", Roles.NetworkAdmin);
        var router = $"bng-{Guid.NewGuid().ToString("N")[..6]}";
        await (await net.PutAsJsonAsync($"/api/v1/routers/{router}", new
        {
            platform = "junos", routerGroup = "abuse", managementHost = "2001:db8:ff00::1", sshUser = "op25b", credentialRef = "vault-bng",
            hostKeySha256 = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
        })).ExpectAsync(HttpStatusCode.Created);
        var prefix = Provisioning.UniqueV4Prefix();
        var (subscriber, _) = await SubscriberAsync(desk.Crm, "static-business", prefix);
        var source = System.Net.IPNetwork.Parse(prefix).BaseAddress.ToString();
        var t0 = api.Clock.GetUtcNow();
        var lines = Enumerable.Range(0, 120).Select(i =>
            $$"""{"occurredAt":"{{t0.AddMilliseconds(i * 10):O}}","router":"{{router}}","sourceIp":"{{source}}","sourcePort":{{40000 + i}},"destinationIp":"203.0.113.{{1 + i % 3}}","destinationPort":25}""");
        var stored = await (await net.PostAsync("/api/v1/attempts/batch", new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson")))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(120, stored["attributed"]!.GetValue<int>());

        var offender = Offenders(await (await desk.DeskA.GetAsync("/api/v1/offenders")).ExpectAsync(HttpStatusCode.OK)).Of(subscriber)!;
        Assert.Equal((120L, 3), (offender["attempts"]!.GetValue<long>(), offender["distinctDestinations"]!.GetValue<int>()));
        Assert.Equal(HourOf(t0), offender["hour"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task The_offender_job_opens_one_audited_case_per_new_offender_and_a_second_run_opens_none()
    {
        var desk = await DeskAsync();
        var now = api.Clock.GetUtcNow();
        var offender = await SubscriberAsync(desk.Crm);
        await AddAsync(api, [Row(offender.Id, HourOf(now), 400)]);

        async Task<int> RunJobAsync() => await api.WithScopeAsync(sp => sp.GetRequiredService<OffenderCaseJob>().RunAsync(CancellationToken.None));
        Assert.True(await RunJobAsync() >= 1);
        await RunJobAsync();

        var cases = await (await desk.DeskA.GetAsync($"/api/v1/abuse-cases?subscriber={offender.ExternalId}")).ExpectAsync(HttpStatusCode.OK);
        var only = Assert.Single(cases["items"]!.AsArray())!;
        Assert.Equal(("open", "attempts-per-hour", "system", 400L),
            (only["state"]!.GetValue<string>(), only["trigger"]!.GetValue<string>(), only["openedBy"]!.GetValue<string>(), only["triggerAttempts"]!.GetValue<long>()));
        var caseId = only["id"]!.GetValue<long>();
        var listed = Offenders(await (await desk.DeskA.GetAsync("/api/v1/offenders")).ExpectAsync(HttpStatusCode.OK)).Of(offender.ExternalId)!;
        Assert.Equal(caseId, listed["openCaseId"]!.GetValue<long>());

        var audit = await (await desk.Auditor.GetAsync($"/api/v1/audit?entityType=abuse-case&entityId={caseId}")).ExpectAsync(HttpStatusCode.OK);
        var entry = Assert.Single(audit["items"]!.AsArray())!;
        Assert.Equal(("abuse-case.opened", "system"), (entry["action"]!.GetValue<string>(), entry["actor"]!.GetValue<string>()));

        // Once resolved, a recurrence is a new case.
        await (await MoveAsync(desk.DeskA, caseId, "resolved", "customer cleaned the PC")).ExpectAsync(HttpStatusCode.OK);
        await RunJobAsync();
        var after = await (await desk.DeskA.GetAsync($"/api/v1/abuse-cases?subscriber={offender.ExternalId}&unresolved=true")).ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(caseId, Assert.Single(after["items"]!.AsArray())!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_case_goes_open_notified_suspended_resolved_with_its_history_and_audit_and_cannot_leave_resolved()
    {
        var desk = await DeskAsync();
        var (subscriber, _) = await SubscriberAsync(desk.Crm);
        var opened = await OpenAsync(desk.DeskA, subscriber);
        var body = await opened.ExpectAsync(HttpStatusCode.Created);
        var id = body["id"]!.GetValue<long>();
        Assert.Equal("\"1\"", opened.Headers.ETag!.Tag);
        Assert.Equal(["notified", "suspended", "resolved"], body["allowedTransitions"]!.AsArray().Select(t => t!.GetValue<string>()));

        var notified = await MoveAsync(desk.DeskA, id, "notified", "mail sent to the contract address", ifMatch: "\"1\"");
        await notified.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"2\"", notified.Headers.ETag!.Tag);
        await (await MoveAsync(desk.DeskB, id, "suspended", "no answer in 3 days")).ExpectAsync(HttpStatusCode.OK);
        var resolved = await (await MoveAsync(desk.DeskB, id, "resolved", "machine reinstalled")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("resolved", resolved["state"]!.GetValue<string>());
        Assert.NotNull(resolved["resolvedAt"]);
        Assert.Empty(resolved["allowedTransitions"]!.AsArray());

        var problem = await (await MoveAsync(desk.DeskA, id, "notified")).ExpectProblemAsync(HttpStatusCode.Conflict, "targetState");
        Assert.Contains("resolved case is final", problem["detail"]!.GetValue<string>());

        var got = await (await desk.Auditor.GetAsync($"/api/v1/abuse-cases/{id}")).ExpectAsync(HttpStatusCode.OK);
        var history = got["history"]!.AsArray();
        Assert.Equal(["opened", "transition", "transition", "transition"], history.Select(h => h!["kind"]!.GetValue<string>()));
        Assert.Equal(("notified", "suspended", "no answer in 3 days"),
            (history[2]!["fromState"]!.GetValue<string>(), history[2]!["toState"]!.GetValue<string>(), history[2]!["note"]!.GetValue<string>()));
        Assert.StartsWith("key:desk-b", history[2]!["actor"]!.GetValue<string>());

        var audit = await (await desk.Auditor.GetAsync($"/api/v1/audit?entityType=abuse-case&entityId={id}")).ExpectAsync(HttpStatusCode.OK);
        var actions = audit["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["abuse-case.opened", "abuse-case.notified", "abuse-case.suspended", "abuse-case.resolved"], actions);
        Assert.Equal("machine reinstalled", audit["items"]![3]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_input_names_the_field_a_second_open_case_is_a_conflict_and_a_stale_if_match_is_refused()
    {
        var desk = await DeskAsync();
        var (subscriber, _) = await SubscriberAsync(desk.Crm);
        await (await OpenAsync(desk.DeskA, "CRM-nobody")).ExpectProblemAsync(HttpStatusCode.BadRequest, "subscriberExternalId");
        await (await OpenAsync(desk.DeskA, subscriber, reason: "")).ExpectProblemAsync(HttpStatusCode.BadRequest, "reason");
        var id = (await (await OpenAsync(desk.DeskA, subscriber)).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();
        var second = await (await OpenAsync(desk.DeskB, subscriber)).ExpectProblemAsync(HttpStatusCode.Conflict, "subscriberExternalId");
        Assert.Contains($"abuse case {id}", second["detail"]!.GetValue<string>());

        await (await MoveAsync(desk.DeskA, id, "closed")).ExpectProblemAsync(HttpStatusCode.BadRequest, "targetState");
        await (await MoveAsync(desk.DeskA, id, "2")).ExpectProblemAsync(HttpStatusCode.BadRequest, "targetState");
        await (await MoveAsync(desk.DeskA, id, "open")).ExpectProblemAsync(HttpStatusCode.Conflict, "targetState");
        await (await MoveAsync(desk.DeskA, id, "notified", ifMatch: "\"7\"")).ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "If-Match");
        await (await MoveAsync(desk.DeskA, 987654, "notified")).ExpectProblemAsync(HttpStatusCode.NotFound, "id");
        await (await desk.DeskA.PostAsJsonAsync($"/api/v1/abuse-cases/{id}/notes", new { note = "" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "note");
        await (await desk.Auditor.PostAsJsonAsync($"/api/v1/abuse-cases/{id}/notes", new { note = "an auditor may not write" }))
            .ExpectProblemAsync(HttpStatusCode.Forbidden);

        var noted = await (await desk.DeskB.PostAsJsonAsync($"/api/v1/abuse-cases/{id}/notes", new { note = "お客様に電話、不在" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("open", "お客様に電話、不在"), (noted["state"]!.GetValue<string>(), noted["history"]![1]!["note"]!.GetValue<string>()));
        var audit = await (await desk.Auditor.GetAsync($"/api/v1/audit?entityType=abuse-case&entityId={id}&action=abuse-case.note-added")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(audit["items"]!.AsArray());
    }

    [Fact]
    public async Task Case_lists_filter_by_state_and_subscriber_and_page_newest_first()
    {
        var desk = await DeskAsync();
        var (first, _) = await SubscriberAsync(desk.Crm);
        var (second, _) = await SubscriberAsync(desk.Crm);
        var a = (await (await OpenAsync(desk.DeskA, first)).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();
        var b = (await (await OpenAsync(desk.DeskA, second)).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();
        await (await MoveAsync(desk.DeskA, a, "notified")).ExpectAsync(HttpStatusCode.OK);

        var notified = await (await desk.Auditor.GetAsync("/api/v1/abuse-cases?state=notified&pageSize=200")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(notified["items"]!.AsArray(), c => c!["id"]!.GetValue<long>() == a);
        Assert.DoesNotContain(notified["items"]!.AsArray(), c => c!["id"]!.GetValue<long>() == b);
        Assert.Null(notified["items"]![0]!["history"]);

        var page = await (await desk.Auditor.GetAsync("/api/v1/abuse-cases?pageSize=1")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(b, page["items"]![0]!["id"]!.GetValue<long>());
        var next = await (await desk.Auditor.GetAsync($"/api/v1/abuse-cases?pageSize=1&cursor={page["nextCursor"]!.GetValue<string>()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(a, next["items"]![0]!["id"]!.GetValue<long>());
        await (await desk.Auditor.GetAsync("/api/v1/abuse-cases?pageSize=0")).ExpectProblemAsync(HttpStatusCode.BadRequest, "pageSize");
    }

    [Fact]
    public async Task An_exemption_request_and_its_approval_warn_about_an_open_abuse_case()
    {
        var desk = await DeskAsync();
        var prefix = Provisioning.UniqueV4Prefix();
        var (subscriber, _) = await SubscriberAsync(desk.Crm, "static-business", prefix);
        var caseId = (await (await OpenAsync(desk.DeskA, subscriber, "listed on a spam blocklist")).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();

        var requested = await (await desk.DeskA.PostAsJsonAsync("/api/v1/exemptions", new
        {
            subscriberExternalId = subscriber, prefixes = new[] { prefix }, justification = "own MTA, PTR set",
        })).ExpectAsync(HttpStatusCode.Created);
        Assert.Contains($"open abuse case ({caseId}, open)", requested["warnings"]!.ToJsonString());
        var approved = await (await desk.DeskB.PostAsJsonAsync($"/api/v1/exemptions/{requested["id"]}/approve", new { reason = "case is about to close" }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Contains($"open abuse case ({caseId}, open)", approved["warnings"]!.ToJsonString());

        await (await MoveAsync(desk.DeskA, caseId, "resolved")).ExpectAsync(HttpStatusCode.OK);
        var revoked = await (await desk.DeskB.PostAsJsonAsync($"/api/v1/exemptions/{requested["id"]}/revoke", new { reason = "test" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(revoked["warnings"]);
    }
}

public sealed class AbuseCaseApiTests_on_Sqlite(SqliteApiFactory api) : AbuseCaseApiTests(api), IClassFixture<SqliteApiFactory>;

public sealed class AbuseCaseApiTests_on_Postgres(PostgresApiFactory api) : AbuseCaseApiTests(api), IClassFixture<PostgresApiFactory>;
