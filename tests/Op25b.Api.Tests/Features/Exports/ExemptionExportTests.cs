using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Features.Exports;

/// <summary>
/// The exemption register as of past instants, rebuilt from decision timestamps across approvals,
/// expiries, revocations and rejections on the fake clock; the changes in a period; CSV quoting.
/// </summary>
public abstract class ExemptionExportTests(AdminApiFactory api)
{
    private sealed record Team(HttpClient Crm, HttpClient DeskA, HttpClient DeskB, HttpClient Auditor);

    private async Task<Team> TeamAsync() => new(
        await api.ClientWithRolesAsync("crm", Roles.Provisioning),
        await api.ClientWithRolesAsync("desk-a", Roles.AbuseDesk),
        await api.ClientWithRolesAsync("desk-b", Roles.AbuseDesk),
        await api.ClientWithRolesAsync("auditor", Roles.Auditor));

    private static async Task<(long Id, string Subscriber)> RequestAsync(Team t, string justification, DateTimeOffset? validUntil = null)
    {
        var prefix = Provisioning.UniqueV4Prefix();
        var subscriber = await Provisioning.SubscriberAsync(t.Crm, "static-business", prefix);
        var created = await (await t.DeskA.PostAsJsonAsync("/api/v1/exemptions",
            new { subscriberExternalId = subscriber, prefixes = new[] { prefix }, justification, validUntil })).ExpectAsync(HttpStatusCode.Created);
        return (created["id"]!.GetValue<long>(), subscriber);
    }

    private static async Task DecideAsync(HttpClient desk, long id, string verb, string reason) =>
        await (await desk.PostAsJsonAsync($"/api/v1/exemptions/{id}/{verb}", new { reason })).ExpectAsync(HttpStatusCode.OK);

    private async Task<List<JsonNode>> RegisterAsync(HttpClient auditor, DateTimeOffset at, HashSet<string> ours) =>
        [.. (await ExportTesting.JsonLinesAsync(auditor, new { type = "exemption-register", format = "jsonl", at }))
            .Where(r => ours.Contains(r["subscriber_external_id"]!.GetValue<string>()))];

    private static long[] Ids(IEnumerable<JsonNode> rows) => [.. rows.Select(r => r["exemption_id"]!.GetValue<long>()).Order()];

    [Fact]
    public async Task The_register_as_of_an_instant_lists_exactly_the_exemptions_then_in_force_with_their_approver()
    {
        var t = await TeamAsync();
        var t0 = api.Clock.GetUtcNow();
        var longLived = await RequestAsync(t, "own MTA");
        var revokedLater = await RequestAsync(t, "own MTA, revoked later");
        var expiring = await RequestAsync(t, "trial", validUntil: t0.AddDays(2));
        var rejected = await RequestAsync(t, "no PTR");
        api.Clock.Advance(TimeSpan.FromHours(1));
        await DecideAsync(t.DeskB, longLived.Id, "approve", "documents checked");
        await DecideAsync(t.DeskB, revokedLater.Id, "approve", "documents checked");
        await DecideAsync(t.DeskB, expiring.Id, "approve", "trial period");
        await DecideAsync(t.DeskB, rejected.Id, "reject", "PTR missing");
        api.Clock.Advance(TimeSpan.FromDays(3));
        await DecideAsync(t.DeskB, revokedLater.Id, "revoke", "spam from this host");
        api.Clock.Advance(TimeSpan.FromDays(1));
        var late = await RequestAsync(t, "approved later");
        api.Clock.Advance(TimeSpan.FromHours(1));
        await DecideAsync(t.DeskB, late.Id, "approve", "ok");
        var ours = new HashSet<string> { longLived.Subscriber, revokedLater.Subscriber, expiring.Subscriber, rejected.Subscriber, late.Subscriber };

        // Hand-built expectation of what was in force at each instant.
        Assert.Empty(await RegisterAsync(t.Auditor, t0.AddMinutes(30), ours));
        Assert.Equal([longLived.Id, revokedLater.Id, expiring.Id], Ids(await RegisterAsync(t.Auditor, t0.AddHours(2), ours)));
        Assert.Equal([longLived.Id, revokedLater.Id], Ids(await RegisterAsync(t.Auditor, t0.AddDays(2).AddHours(1), ours)));
        Assert.Equal([longLived.Id], Ids(await RegisterAsync(t.Auditor, t0.AddDays(4), ours)));
        var now = await RegisterAsync(t.Auditor, api.Clock.GetUtcNow(), ours);
        Assert.Equal([longLived.Id, late.Id], Ids(now));

        var approver = (await (await t.DeskB.GetAsync($"/api/v1/exemptions/{longLived.Id}")).ExpectAsync(HttpStatusCode.OK))["decidedBy"]!.GetValue<string>();
        var row = now.Single(r => r["exemption_id"]!.GetValue<long>() == longLived.Id);
        Assert.Equal(approver, row["approved_by"]!.GetValue<string>());
        Assert.Equal("documents checked", row["approval_reason"]!.GetValue<string>());
        Assert.NotEqual(approver, row["requested_by"]!.GetValue<string>());
    }

    [Fact]
    public async Task Exemption_changes_in_a_period_say_who_requested_who_decided_and_why()
    {
        var t = await TeamAsync();
        var from = api.Clock.GetUtcNow();
        var e = await RequestAsync(t, "own MTA");
        await DecideAsync(t.DeskB, e.Id, "approve", "documents checked");
        api.Clock.Advance(TimeSpan.FromMinutes(5));
        await DecideAsync(t.DeskA, e.Id, "revoke", "abuse report 4711");
        var rows = (await ExportTesting.JsonLinesAsync(t.Auditor, new { type = "exemption-changes", format = "jsonl", from, to = api.Clock.GetUtcNow().AddSeconds(1) }))
            .Where(r => r["exemption_id"]!.GetValue<long>() == e.Id).ToList();
        Assert.Equal(["exemption.requested", "exemption.approved", "exemption.revoked"], rows.Select(r => r["action"]!.GetValue<string>()));
        Assert.Equal("documents checked", rows[1]["reason"]!.GetValue<string>());
        Assert.Equal("abuse report 4711", rows[2]["reason"]!.GetValue<string>());
        Assert.All(rows, r => Assert.Equal("own MTA", r["justification"]!.GetValue<string>()));
        Assert.NotEqual(rows[0]["actor"]!.GetValue<string>(), rows[1]["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_CSV_export_quotes_commas_quotes_line_breaks_and_keeps_Japanese_text_with_an_optional_byte_order_mark()
    {
        var t = await TeamAsync();
        const string justification = "山田商店の自社MTA, \"mail.example.jp\"\r\nPTR設定済み";
        var e = await RequestAsync(t, justification);
        await DecideAsync(t.DeskB, e.Id, "approve", "確認済み");
        var response = await ExportTesting.RequestAsync(t.Auditor,
            new { type = "exemption-register", format = "csv", byteOrderMark = true, at = api.Clock.GetUtcNow().AddSeconds(1) });
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType!.ToString());
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var records = Rfc4180.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        var header = records[0];
        var row = records.Single(r => r[header.IndexOf("exemption_id")] == e.Id.ToString());
        Assert.Equal(justification, row[header.IndexOf("justification")]);
        Assert.Equal("確認済み", row[header.IndexOf("approval_reason")]);
        Assert.Equal(e.Subscriber, row[header.IndexOf("subscriber_external_id")]);
    }

    [Fact]
    public async Task A_register_without_its_instant_or_an_unknown_type_is_refused_naming_the_field()
    {
        var t = await TeamAsync();
        await (await ExportTesting.RequestAsync(t.Auditor, new { type = "exemption-register" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "at");
        await (await ExportTesting.RequestAsync(t.Auditor, new { type = "everything" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "type");
        await (await ExportTesting.RequestAsync(t.Auditor, new { type = "audit-trail", format = "xlsx" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "format");
        await (await ExportTesting.RequestAsync(t.DeskA, new { type = "audit-trail" })).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Formula_text_in_names_justifications_and_reasons_is_written_as_text_in_every_exemption_and_audit_csv()
    {
        var t = await TeamAsync();
        var from = api.Clock.GetUtcNow();
        const string name = "=HYPERLINK(\"http://evil.example/\",\"請求書\")";
        const string justification = "=cmd|' /C calc'!A0";
        const string reason = "+SUM(1,1)";
        var subscriber = Provisioning.NewExternalId();
        var prefix = Provisioning.UniqueV4Prefix();
        await (await t.Crm.PutAsJsonAsync($"/api/v1/subscribers/{subscriber}", new { displayName = name, productCode = "static-business" }))
            .ExpectAsync(HttpStatusCode.Created);
        await (await t.Crm.PostAsJsonAsync($"/api/v1/subscribers/{subscriber}/assignments", new { prefix })).ExpectAsync(HttpStatusCode.Created);
        var id = (await (await t.DeskA.PostAsJsonAsync("/api/v1/exemptions", new { subscriberExternalId = subscriber, prefixes = new[] { prefix }, justification }))
            .ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();
        await DecideAsync(t.DeskB, id, "approve", reason);
        api.Clock.Advance(TimeSpan.FromMinutes(1));
        var to = api.Clock.GetUtcNow();

        var register = await ExportTesting.NeutralisedCsvAsync(t.Auditor, new { type = "exemption-register", format = "csv", at = to });
        Assert.Equal("'" + name, ExportTesting.Cell(register, subscriber, "subscriber_name"));
        Assert.Equal("'" + justification, ExportTesting.Cell(register, subscriber, "justification"));
        Assert.Equal("'" + reason, ExportTesting.Cell(register, subscriber, "approval_reason"));
        var changes = await ExportTesting.NeutralisedCsvAsync(t.Auditor, new { type = "exemption-changes", format = "csv", from, to });
        Assert.Equal("'" + justification, ExportTesting.Cell(changes, subscriber, "justification"));
        var trail = await ExportTesting.NeutralisedCsvAsync(t.Auditor, new { type = "audit-trail", format = "csv", from, to });
        Assert.Contains(trail, r => r[trail[0].IndexOf("reason")] == "'" + reason);

        // JSON Lines is data for programs, not spreadsheets: the text stays exactly as entered.
        var lines = await RegisterAsync(t.Auditor, to, [subscriber]);
        Assert.Equal(justification, lines.Single()["justification"]!.GetValue<string>());
    }
}

public sealed class ExemptionExportTests_on_Sqlite(SqliteApiFactory api) : ExemptionExportTests(api), IClassFixture<SqliteApiFactory>;

public sealed class ExemptionExportTests_on_Postgres(PostgresApiFactory api) : ExemptionExportTests(api), IClassFixture<PostgresApiFactory>;
