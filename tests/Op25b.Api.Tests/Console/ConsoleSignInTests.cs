using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Console;

/// <summary>Signing in to the console in a real browser: lockout, anti-forgery, headers, the job dashboard, and the API left alone.</summary>
public sealed class ConsoleSignInTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_even_the_right_one_is_refused_and_the_lockout_is_audited()
    {
        var user = await console.Host.UserAsync("bob", Roles.AbuseDesk);
        var page = await console.Browser.NewPageAsync(console.Host.BaseUrl);
        for (var i = 0; i < 4; i++)
        {
            await ConsoleFixture.SignInAsync(page, user, "wrong password " + i);
            Assert.Contains("Wrong user name or password", await page.InnerTextAsync("#login-error"));
        }
        await ConsoleFixture.SignInAsync(page, user, "wrong password 5");
        Assert.Contains("locked", await page.InnerTextAsync("#login-error"));

        await ConsoleFixture.SignInAsync(page, user, ConsoleHost.Password);
        Assert.Contains("locked", await page.InnerTextAsync("#login-error"));
        Assert.Contains("/ops/login", page.Url);
        await Browser.ScreenshotAsync(page, nameof(Five_wrong_passwords_lock_the_account_so_even_the_right_one_is_refused_and_the_lockout_is_audited));

        await console.Host.WithDbAsync(async db => Assert.True(await db.AuditEntries.AnyAsync(a =>
            a.Action == "consoleuser.locked-out" && a.EntityId == user)));
        console.Host.Clock.Advance(TimeSpan.FromMinutes(16));
        await ConsoleFixture.SignInAsync(page, user, ConsoleHost.Password);
        await page.WaitForURLAsync(u => u.EndsWith("/ops"));
    }

    [Fact]
    public async Task A_form_post_without_the_anti_forgery_token_is_refused()
    {
        var page = await console.SignedInAsync(await console.Host.UserAsync("sato", Roles.AbuseDesk));

        // Same browser, same sign-in cookie — only the token is missing, as in a cross-site forged post.
        var forged = await page.APIRequest.PostAsync($"/ops/exemptions?handler=Reject&id={console.RequestId}",
            new APIRequestContextOptions { Form = page.APIRequest.CreateFormData().Set("reason", "forged") });

        Assert.Equal(400, forged.Status);
        await page.GotoAsync("/ops/exemptions");
        Assert.Contains($"request-{console.RequestId}", await page.ContentAsync());
        await Browser.ScreenshotAsync(page, nameof(A_form_post_without_the_anti_forgery_token_is_refused));
    }

    [Fact]
    public async Task Console_pages_forbid_inline_scripts_and_framing_and_only_the_job_dashboard_gets_inline_allowances()
    {
        var page = await console.Browser.NewPageAsync(console.Host.BaseUrl);
        var response = await page.GotoAsync("/ops/login");
        var headers = await response!.AllHeadersAsync();

        var csp = headers["content-security-policy"];
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("same-origin", headers["referrer-policy"]);
        // Stylesheet and chart library come from the app itself (the ops-ui project's static assets), not a CDN.
        var stylesheet = await page.APIRequest.GetAsync("/_content/Op25b.OpsUi/css/console.css");
        Assert.Equal(200, stylesheet.Status);
        Assert.Equal(200, (await page.APIRequest.GetAsync("/_content/Op25b.OpsUi/lib/chart.js/chart.umd.min.js")).Status);
        await Browser.ScreenshotAsync(page, nameof(Console_pages_forbid_inline_scripts_and_framing_and_only_the_job_dashboard_gets_inline_allowances));

        var admin = await console.SignedInAsync(await console.Host.UserAsync("root", Roles.Admin));
        var jobs = await admin.GotoAsync("/ops/jobs");
        var jobsCsp = (await jobs!.AllHeadersAsync())["content-security-policy"];
        Assert.Contains("'unsafe-inline'", jobsCsp);
        Assert.Contains("frame-ancestors 'none'", jobsCsp);
    }

    [Fact]
    public async Task The_job_dashboard_sends_strangers_to_the_login_refuses_non_admins_and_opens_for_an_admin()
    {
        var stranger = await console.Browser.NewPageAsync(console.Host.BaseUrl);
        await stranger.GotoAsync("/ops/jobs");
        Assert.Contains("/ops/login", stranger.Url);

        var desk = await console.SignedInAsync(await console.Host.UserAsync("desk", Roles.AbuseDesk));
        var refused = await desk.GotoAsync("/ops/jobs");
        Assert.Equal(403, refused!.Status);
        Assert.Contains("/ops/denied", desk.Url);

        var admin = await console.SignedInAsync(await console.Host.UserAsync("admin", Roles.Admin));
        await admin.GotoAsync("/ops/jobs/recurring");
        Assert.Contains("exemption-windows", await admin.ContentAsync());
        await Browser.ScreenshotAsync(admin, nameof(The_job_dashboard_sends_strangers_to_the_login_refuses_non_admins_and_opens_for_an_admin));
    }

    [Fact]
    public async Task The_api_still_answers_401_problems_not_login_redirects_and_keys_keep_working()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(console.Host.BaseUrl) };
        var refused = await anonymous.GetAsync("/api/v1/subscribers");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        var withKey = console.Host.ApiClient(console.NetworkKey);
        Assert.Equal(HttpStatusCode.OK, (await withKey.GetAsync("/api/v1/routers")).StatusCode);
        // A key is not a console sign-in: the console still wants its own login.
        var page = await withKey.GetAsync("/ops");
        Assert.Contains("/ops/login", page.RequestMessage!.RequestUri!.ToString());
    }
}
