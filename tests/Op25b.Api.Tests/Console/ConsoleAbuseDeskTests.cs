using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Abuse;
using Op25b.Core.Access;
using Op25b.Core.Attempts;
using Op25b.Lab;
using Op25b.Persistence.Abuse;
using Op25b.Persistence.Audit;
using Op25b.Persistence.Attempts;
using Op25b.Routers.Smtp;

namespace Op25b.Api.Tests.Console;

/// <summary>Offenders, abuse cases and the impact check in a real browser against the running host.</summary>
public sealed class ConsoleAbuseDeskTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task A_desk_member_opens_a_case_from_an_offender_notifies_notes_and_resolves_it()
    {
        var (offender, _) = await OffenderAsync();
        var user = await console.Host.UserAsync("nakamura", Roles.AbuseDesk);
        var page = await console.SignedInAsync(user);

        await page.GotoAsync("/ops/offenders");
        var row = $"#offender-{offender}";
        Assert.Contains("120", await page.InnerTextAsync(row));
        Assert.Contains("destinations per hour", await page.InnerTextAsync(row));
        await page.ClickAsync($"{row} button.open-case");
        await page.WaitForURLAsync(u => u.Contains("/ops/cases/"));
        var caseId = long.Parse(page.Url.Split('/').Last());
        Assert.Contains("open", await page.InnerTextAsync("#case-state"));
        Assert.Contains("120", await page.InnerTextAsync("#figures"));

        // Every form of the console carries the anti-forgery token.
        Assert.Equal(1, await page.Locator("#transition input[name=__csrf]").CountAsync());
        await page.FillAsync("#transition textarea[name=note]", "mail sent to the contract address");
        await page.ClickAsync("#to-notified");
        Assert.Contains("notified", await page.InnerTextAsync("#case-state"));
        // Only the moves the state machine allows from here are offered.
        Assert.Equal(0, await page.Locator("#to-notified").CountAsync());
        Assert.Equal(1, await page.Locator("#to-suspended").CountAsync());

        await page.FillAsync("#add-note textarea[name=note]", "お客様から折り返し電話あり");
        await page.ClickAsync("#note");
        Assert.Contains("note was added", await page.InnerTextAsync("#case-done"));

        await page.GotoAsync("/ops/offenders");
        Assert.Contains($"#{caseId}", await page.InnerTextAsync(row));
        await page.GotoAsync($"/ops/cases/{caseId}");
        await page.FillAsync("#transition textarea[name=note]", "machine cleaned, attempts stopped");
        await page.ClickAsync("#to-resolved");
        Assert.Contains("resolved", await page.InnerTextAsync("#case-state"));
        Assert.Equal(0, await page.Locator("#transition").CountAsync());
        var history = await page.InnerTextAsync("#history");
        Assert.Contains("open → notified", history);
        Assert.Contains("お客様から折り返し電話あり", history);
        Assert.Contains("notified → resolved", history);
        Assert.Contains($"user:{user}", history);
        await Browser.ScreenshotAsync(page, nameof(A_desk_member_opens_a_case_from_an_offender_notifies_notes_and_resolves_it));

        await page.GotoAsync("/ops/cases?state=resolved");
        Assert.Contains(offender, await page.InnerTextAsync($"#case-{caseId}"));
        await console.Host.WithDbAsync(async db =>
        {
            var actions = await db.AuditEntries.Where(a => a.EntityType == "abuse-case" && a.EntityId == caseId.ToString())
                .OrderBy(a => a.Sequence).Select(a => a.Action + " " + a.Actor).ToListAsync();
            Assert.Equal(["opened", "notified", "note-added", "resolved"], actions.Select(a => a.Split(' ')[0].Replace("abuse-case.", "")));
            Assert.All(actions, a => Assert.EndsWith($"user:{user}", a));
        });
    }

    [Fact]
    public async Task The_exemption_queue_flags_a_request_whose_subscriber_has_an_open_case()
    {
        var (offender, prefix) = await OffenderAsync();
        var desk = console.Host.ApiClient(await console.Host.IssueKeyAsync("desk", Roles.AbuseDesk));
        await (await desk.PostAsJsonAsync("/api/v1/abuse-cases", new { subscriberExternalId = offender, reason = "complaint" })).ExpectAsync(HttpStatusCode.Created);
        var request = (await (await desk.PostAsJsonAsync("/api/v1/exemptions", new
        {
            subscriberExternalId = offender, prefixes = new[] { prefix }, justification = "Own MTA",
        })).ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();

        var page = await console.SignedInAsync(await console.Host.UserAsync("mori", Roles.AbuseDesk));
        await page.GotoAsync("/ops/exemptions");
        Assert.Contains("Open abuse case: yes", await page.InnerTextAsync($"#request-{request} .checks"));
        Assert.Contains("Open abuse case: no", await page.InnerTextAsync($"#request-{console.RequestId} .checks"));
        await Browser.ScreenshotAsync(page, nameof(The_exemption_queue_flags_a_request_whose_subscriber_has_an_open_case));
    }

    [Fact]
    public async Task An_auditor_reads_cases_and_offenders_without_buttons_and_a_forged_post_is_refused()
    {
        var (offender, _) = await OffenderAsync();
        var desk = console.Host.ApiClient(await console.Host.IssueKeyAsync("desk", Roles.AbuseDesk));
        var caseId = (await (await desk.PostAsJsonAsync("/api/v1/abuse-cases", new { subscriberExternalId = offender, reason = "blocklist listing" }))
            .ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<long>();
        var (other, _) = await OffenderAsync();

        var page = await console.SignedInAsync(await console.Host.UserAsync("audit", Roles.Auditor));
        await page.GotoAsync("/ops/offenders");
        Assert.Contains(other, await page.InnerTextAsync("#offenders"));
        Assert.Equal(0, await page.Locator("button.open-case").CountAsync());
        await page.GotoAsync("/ops/cases");
        Assert.Contains("blocklist listing", await page.InnerTextAsync($"#case-{caseId}"));
        Assert.Equal(0, await page.Locator("#open-case").CountAsync());
        await page.GotoAsync($"/ops/cases/{caseId}");
        Assert.Contains("blocklist listing", await page.InnerTextAsync("#figures"));
        Assert.Equal(0, await page.Locator("#transition, #add-note").CountAsync());
        await Browser.ScreenshotAsync(page, nameof(An_auditor_reads_cases_and_offenders_without_buttons_and_a_forged_post_is_refused));

        // A post with a valid token but the wrong role: refused, nothing changes.
        var refused = await PostFormAsync(page, $"/ops/cases/{caseId}?handler=Transition", new() { ["target"] = "resolved" }, "/ops/denied");
        Assert.Equal(403, refused.Status);
        await page.WaitForURLAsync(u => u.Contains("/ops/denied"));
        await console.Host.WithDbAsync(async db =>
            Assert.Equal(AbuseCaseState.Open, (await db.AbuseCases.SingleAsync(c => c.Id == caseId)).State));
    }

    [Fact]
    public async Task The_impact_check_answers_in_japanese_with_the_remedies_for_port_25_to_another_provider()
    {
        var page = await console.SignedInAsync(await console.Host.UserAsync("ogawa", Roles.Provisioning), locale: "ja-JP");
        await page.GotoAsync("/ops/impact");
        Assert.Contains("影響判定", await page.InnerTextAsync("h1"));
        // Neither the product nor the kind of line: the check cannot start and says what it needs.
        var incomplete = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#decide"), r => r.Url.Contains("handler=Decide"));
        Assert.Equal(422, incomplete.Status);
        Assert.Contains("動的IP", await page.InnerTextAsync("#impact-error"));
        await page.SelectOptionAsync("#ProductCode", "dynamic-residential");
        await page.SelectOptionAsync("#SmtpServer", "OtherProvider");
        await page.FillAsync("#SmtpPort", "25");
        await page.ClickAsync("#decide");

        Assert.Contains("影響あり", await page.InnerTextAsync("#verdict"));
        Assert.Contains("ポート25番で送信しているため", await page.InnerTextAsync("#reason"));
        Assert.Contains("587番", await page.InnerTextAsync("#remedies li[data-code=switch-to587-smtp-auth]"));
        // Provisioning may check impact but not probe servers (as at the API).
        Assert.Equal(0, await page.Locator("#probe-form").CountAsync());
        await Browser.ScreenshotAsync(page, nameof(The_impact_check_answers_in_japanese_with_the_remedies_for_port_25_to_another_provider));

        await page.FillAsync("#SmtpPort", "587");
        await page.ClickAsync("#decide");
        Assert.Contains("影響なし", await page.InnerTextAsync("#verdict"));
        Assert.Equal(0, await page.Locator("#remedies").CountAsync());
    }

    [Fact]
    public async Task The_probe_shows_what_each_port_of_a_real_loopback_submission_server_offers()
    {
        using var certificate = LoopbackSmtpServer.SelfSignedCertificate();
        await using var submission = LoopbackSmtpServer.Submission(certificate);
        await using var implicitTls = LoopbackSmtpServer.ImplicitTls(certificate);
        // The probe refuses loopback in production; this class's host is its own, so its options may point at the listeners.
        var options = console.Host.Services.GetRequiredService<IOptions<SmtpProbeOptions>>().Value;
        options.AllowInternalTargets = true;
        options.SubmissionPort = submission.Port;
        options.ImplicitTlsPort = implicitTls.Port;
        options.TimeoutSeconds = 4;

        var page = await console.SignedInAsync(await console.Host.UserAsync("kobayashi", Roles.AbuseDesk));
        await page.GotoAsync("/ops/impact");
        await page.FillAsync("#Host", "127.0.0.1");
        await page.ClickAsync("#probe");

        var starttls = $"#port-{submission.Port}";
        Assert.Contains("answered", await page.InnerTextAsync($"{starttls} .outcome"));
        Assert.Contains("yes", await page.InnerTextAsync($"{starttls} .starttls"));
        Assert.Contains("yes", await page.InnerTextAsync($"{starttls} .auth"));
        Assert.Contains("PLAIN LOGIN", await page.InnerTextAsync($"{starttls} .mechanisms"));
        Assert.Contains("answered", await page.InnerTextAsync($"#port-{implicitTls.Port} .outcome"));
        Assert.Contains("certificate not trusted", await page.InnerTextAsync($"#port-{implicitTls.Port}"));
        await Browser.ScreenshotAsync(page, nameof(The_probe_shows_what_each_port_of_a_real_loopback_submission_server_offers));
    }

    [Fact]
    public async Task A_case_opened_by_hand_is_refused_twice_and_a_move_the_state_machine_forbids_is_a_conflict()
    {
        var crm = console.Host.ApiClient(await console.Host.IssueKeyAsync("crm", Roles.Provisioning));
        var subscriber = await Provisioning.SubscriberAsync(crm, "static-business", Provisioning.UniqueV4Prefix());
        var page = await console.SignedInAsync(await console.Host.UserAsync("hayashi", Roles.AbuseDesk));

        await page.GotoAsync("/ops/cases");
        await page.FillAsync("#open-case input[name=subscriber]", subscriber);
        await page.FillAsync("#open-case input[name=reason]", "complaint from a receiving ISP");
        await page.ClickAsync("#open-case button");
        await page.WaitForURLAsync(u => u.Contains("/ops/cases/"));
        var caseId = long.Parse(page.Url.Split('/').Last());
        Assert.Contains("opened by hand", await page.InnerTextAsync("#figures"));

        await page.GotoAsync("/ops/cases");
        await page.FillAsync("#open-case input[name=subscriber]", subscriber);
        await page.FillAsync("#open-case input[name=reason]", "second complaint");
        var conflict = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#open-case button"), r => r.Url.Contains("handler=Open"));
        Assert.Equal(409, conflict.Status);
        Assert.Contains($"already has abuse case {caseId}", await page.InnerTextAsync("#case-error"));

        // A colleague adds a note while this page is open: the click on the stale page is refused, a reloaded one goes through.
        await page.GotoAsync($"/ops/cases/{caseId}");
        await console.Host.WithScopeAsync(sp => sp.GetRequiredService<AbuseCaseService>().AddNoteAsync(caseId, "called", AuditActor.System, CancellationToken.None));
        var stale = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#to-resolved"), r => r.Url.Contains("handler=Transition"));
        Assert.Equal(409, stale.Status);
        Assert.Contains("changed since this page was loaded", await page.InnerTextAsync("#case-error"));
        await page.ClickAsync("#to-resolved");
        Assert.Contains("resolved", await page.InnerTextAsync("#case-state"));
        // No button offers it any more; a post made anyway is refused by the case itself.
        var illegal = await PostFormAsync(page, $"/ops/cases/{caseId}?handler=Transition", new() { ["target"] = "notified", ["version"] = await page.InputValueAsync("#add-note input[name=version]") }, "handler=Transition");
        Assert.Equal(409, illegal.Status);
        Assert.Contains("cannot become notified", await page.InnerTextAsync("#case-error"));

        await page.GotoAsync($"/ops/subscribers/{subscriber}");
        Assert.Contains("resolved", await page.InnerTextAsync("#subscriber-cases"));
        Assert.Contains($"#{caseId}", await page.InnerTextAsync("#subscriber-cases"));
        await Browser.ScreenshotAsync(page, nameof(A_case_opened_by_hand_is_refused_twice_and_a_move_the_state_machine_forbids_is_a_conflict));
    }

    /// <summary>
    /// Posts a form the page does not offer, with the anti-forgery token the language switch of
    /// every page carries, as a user tampering with the page would; answers the response whose URL contains <paramref name="awaited"/>.
    /// </summary>
    private static Task<IResponse> PostFormAsync(IPage page, string action, Dictionary<string, string> fields, string awaited) =>
        page.RunAndWaitForResponseAsync(() => page.EvaluateAsync(
            """
            ([action, fields]) => {
                const form = document.createElement('form');
                form.method = 'post';
                form.action = action;
                fields['__csrf'] = document.querySelector('input[name=__csrf]').value;
                for (const [name, value] of Object.entries(fields)) {
                    const input = document.createElement('input');
                    input.name = name; input.value = value; form.appendChild(input);
                }
                document.body.appendChild(form);
                form.submit();
            }
            """, new object[] { action, fields }), r => r.Url.Contains(awaited));

    /// <summary>A new subscriber with a burst in the current hour: 120 attempts to 30 destinations, over both thresholds.</summary>
    private async Task<(string ExternalId, string Prefix)> OffenderAsync()
    {
        var crm = console.Host.ApiClient(await console.Host.IssueKeyAsync("crm", Roles.Provisioning));
        var prefix = Provisioning.UniqueV4Prefix();
        var externalId = await Provisioning.SubscriberAsync(crm, "static-business", prefix);
        var source = IPNetwork.Parse(prefix).BaseAddress;
        // Attempts are attributed to whoever held the address at the time: the burst must come after the assignment began.
        console.Host.Clock.Advance(TimeSpan.FromMinutes(21));
        var now = console.Host.Clock.GetUtcNow();
        var attempts = Enumerable.Range(0, 120).Select(i =>
        {
            var at = now.AddSeconds(-10 - i * 10);
            return BlockedAttempt.From(new BlockedAttemptRecord(at, "bng-osaka-1", source, 30000 + i, IPAddress.Parse($"198.51.100.{i % 30 + 1}"), 25, "tcp",
                AttemptAction.Dropped), "test", at);
        }).ToList();
        await console.Host.WithScopeAsync(sp => sp.GetRequiredService<AttemptStore>().StoreAsync(attempts, CancellationToken.None));
        return (externalId, prefix);
    }
}
