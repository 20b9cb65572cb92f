using Microsoft.Playwright;
using Op25b.Core.Access;

namespace Op25b.Api.Tests.Console;

/// <summary>Sign-out and the admin's session list in a real browser.</summary>
public sealed class ConsoleSessionBrowserTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task Signing_out_makes_a_copy_of_the_cookie_useless_in_another_browser()
    {
        var page = await console.SignedInAsync(await console.Host.UserAsync("kato", Roles.AbuseDesk));
        var stolen = await page.Context.CookiesAsync();

        await page.ClickAsync("#sign-out");
        await page.WaitForURLAsync(u => u.Contains("/ops/login"));

        var thief = await console.Browser.NewPageAsync(console.Host.BaseUrl);
        await thief.Context.AddCookiesAsync(stolen.Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, SameSite = c.SameSite,
        }));
        await thief.GotoAsync("/ops/exemptions");
        Assert.Contains("/ops/login", thief.Url);
        await Browser.ScreenshotAsync(thief, nameof(Signing_out_makes_a_copy_of_the_cookie_useless_in_another_browser));
    }

    [Fact]
    public async Task An_admin_sees_who_is_signed_in_and_ends_a_users_sessions()
    {
        var user = await console.Host.UserAsync("ito", Roles.Auditor);
        var desk = await console.SignedInAsync(user);
        var admin = await console.SignedInAsync(await console.Host.UserAsync("root", Roles.Admin));

        await admin.ClickAsync("#nav-sessions");
        await admin.WaitForURLAsync(u => u.EndsWith("/ops/sessions"));
        var row = admin.Locator($"#sessions tr[data-user='{user}']");
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains("127.0.0.1", await row.InnerTextAsync());
        await Browser.ScreenshotAsync(admin, nameof(An_admin_sees_who_is_signed_in_and_ends_a_users_sessions));

        await row.Locator("button.end-all").ClickAsync();
        await admin.WaitForSelectorAsync("#sessions-ended");
        Assert.Equal(0, await admin.Locator($"#sessions tr[data-user='{user}']").CountAsync());

        await desk.ReloadAsync();
        Assert.Contains("/ops/login", desk.Url);
    }
}
