using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Features.Exports;

/// <summary>Abuse cases of a period with their history, worked through the API on the fake clock.</summary>
public abstract class AbuseCaseHistoryExportTests(AdminApiFactory api)
{
    private static async Task<long> OpenAsync(HttpClient desk, string subscriber, string reason) =>
        (await (await desk.PostAsJsonAsync("/api/v1/abuse-cases", new { subscriberExternalId = subscriber, reason }))
            .ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();

    private static async Task MoveAsync(HttpClient desk, long id, string targetState, string note) =>
        await (await desk.PostAsJsonAsync($"/api/v1/abuse-cases/{id}/transitions", new { targetState, note })).ExpectAsync(HttpStatusCode.OK);

    [Fact]
    public async Task Cases_unresolved_during_the_period_come_with_each_event_up_to_its_end_and_the_state_after_it()
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var desk = await api.ClientWithRolesAsync("desk-a", Roles.AbuseDesk);
        var colleague = await api.ClientWithRolesAsync("desk-b", Roles.AbuseDesk);
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        var (a, b, c, d) = (await Provisioning.SubscriberAsync(crm, "dynamic-residential"), await Provisioning.SubscriberAsync(crm, "dynamic-residential"),
            await Provisioning.SubscriberAsync(crm, "dynamic-residential"), await Provisioning.SubscriberAsync(crm, "dynamic-residential"));

        var t0 = api.Clock.GetUtcNow();
        var worked = await OpenAsync(desk, a, "complaint from a receiving ISP");
        var closedBefore = await OpenAsync(desk, b, "spam trap hit");
        api.Clock.Advance(TimeSpan.FromHours(1));
        await MoveAsync(desk, worked, "notified", "mail sent to the contract address");
        await MoveAsync(desk, closedBefore, "resolved", "false positive");
        api.Clock.Advance(TimeSpan.FromHours(1));
        await (await colleague.PostAsJsonAsync($"/api/v1/abuse-cases/{worked}/notes", new { note = "お客様に電話、不在, \"折り返し\"" })).ExpectAsync(HttpStatusCode.OK);
        api.Clock.Advance(TimeSpan.FromDays(1));
        var openedInside = await OpenAsync(desk, c, "manual check");
        var (from, to) = (t0.AddDays(1), t0.AddDays(2));
        api.Clock.Advance(TimeSpan.FromDays(2));
        await MoveAsync(desk, worked, "resolved", "machine cleaned");
        await OpenAsync(desk, d, "after the period");

        var rows = (await ExportTesting.JsonLinesAsync(auditor, new { type = "abuse-case-history", format = "jsonl", from, to }))
            .Where(r => new[] { a, b, c, d }.Contains(r["subscriber_external_id"]!.GetValue<string>())).ToList();

        Assert.Equal([worked, worked, worked, openedInside], rows.Select(r => r["case_id"]!.GetValue<long>()));
        Assert.Equal(["opened", "transition", "note", "opened"], rows.Select(r => r["event"]!.GetValue<string>()));
        // The note was written while the case stood at "notified"; the resolution after the period is not there.
        Assert.Equal(["open", "notified", "notified", "open"], rows.Select(r => r["state"]!.GetValue<string>()));
        Assert.Equal("open", rows[1]["previous_state"]!.GetValue<string>());
        Assert.Null(rows[2]["previous_state"]);
        Assert.Equal("mail sent to the contract address", rows[1]["note"]!.GetValue<string>());
        Assert.Equal("お客様に電話、不在, \"折り返し\"", rows[2]["note"]!.GetValue<string>());
        Assert.StartsWith("key:desk-b", rows[2]["actor"]!.GetValue<string>());
        Assert.StartsWith("key:desk-a", rows[1]["actor"]!.GetValue<string>());
        Assert.Equal(t0.AddHours(1), DateTimeOffset.Parse(rows[1]["at"]!.GetValue<string>()));
        Assert.Equal("complaint from a receiving ISP", rows[0]["reason"]!.GetValue<string>());
        Assert.Equal("manual", rows[0]["trigger"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_period_without_from_is_refused_naming_the_field()
    {
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        var refused = await ExportTesting.RequestAsync(auditor, new { type = "abuse-case-history", to = api.Clock.GetUtcNow() });
        Assert.True((int)refused.StatusCode is 400 or 422, $"{(int)refused.StatusCode}");
        Assert.Contains("from", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Formula_text_in_case_reasons_and_notes_is_written_as_text_in_the_csv()
    {
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        var desk = await api.ClientWithRolesAsync("desk-a", Roles.AbuseDesk);
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        var subscriber = await Provisioning.SubscriberAsync(crm, "dynamic-residential");
        var from = api.Clock.GetUtcNow();
        var id = await OpenAsync(desk, subscriber, "@SUM(1,1)");
        await MoveAsync(desk, id, "notified", "-1+1 called");
        api.Clock.Advance(TimeSpan.FromMinutes(1));

        var records = await ExportTesting.NeutralisedCsvAsync(auditor, new { type = "abuse-case-history", format = "csv", from, to = api.Clock.GetUtcNow() });
        Assert.Equal("'@SUM(1,1)", ExportTesting.Cell(records, subscriber, "reason"));
        Assert.Contains(records, r => r[records[0].IndexOf("note")] == "'-1+1 called");
    }
}

public sealed class AbuseCaseHistoryExportTests_on_Sqlite(SqliteApiFactory api) : AbuseCaseHistoryExportTests(api), IClassFixture<SqliteApiFactory>;

public sealed class AbuseCaseHistoryExportTests_on_Postgres(PostgresApiFactory api) : AbuseCaseHistoryExportTests(api), IClassFixture<PostgresApiFactory>;
