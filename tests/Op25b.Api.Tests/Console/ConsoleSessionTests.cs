using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Cli;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Persistence.Access;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Tests.Console;

/// <summary>
/// A console sign-in is a session row checked on every request: a copy of the cookie (stolen,
/// or left in a shared browser) stops working the moment the session ends, however it ends.
/// </summary>
public abstract class ConsoleSessionTests(AdminApiFactory api)
{
    private async Task<string> UserAsync(string name, params string[] roles)
    {
        var unique = $"{name}-{Guid.NewGuid().ToString("N")[..6]}";
        await api.WithScopeAsync(sp => sp.GetRequiredService<ConsoleUserRegistry>()
            .CreateAsync(unique, roles, ConsoleCookies.Password, AuditActor.System, CancellationToken.None));
        return unique;
    }

    [Fact]
    public async Task A_copy_of_the_cookie_is_refused_after_sign_out()
    {
        var client = ConsoleCookies.Client(api);
        var cookies = await ConsoleCookies.SignInAsync(client, await UserAsync("desk", Roles.AbuseDesk));
        Assert.True(await ConsoleCookies.OpensAsync(client, "/ops", cookies));

        var (_, token) = await ConsoleCookies.FormTokenAsync(client, "/ops", cookies);
        var signOut = await ConsoleCookies.PostFormAsync(client, "/ops/logout", cookies, token, []);
        Assert.Equal("/ops/login", signOut.Headers.Location!.OriginalString);

        // The copy still decrypts (it has not expired); only the server knows the session is over.
        Assert.False(await ConsoleCookies.OpensAsync(client, "/ops", cookies));
        Assert.False(await ConsoleCookies.OpensAsync(client, "/ops/exemptions", cookies));
    }

    [Fact]
    public async Task A_disabled_users_cookie_is_refused_at_once()
    {
        var client = ConsoleCookies.Client(api);
        var user = await UserAsync("leaver", Roles.AbuseDesk);
        var cookies = await ConsoleCookies.SignInAsync(client, user);
        Assert.True(await ConsoleCookies.OpensAsync(client, "/ops/exemptions", cookies));

        Assert.Equal(0, await HostCommands.RunAsync(api.Services, ["user", "disable", user, "--reason", "left"], new StringWriter()));

        Assert.False(await ConsoleCookies.OpensAsync(client, "/ops/exemptions", cookies));
        await api.WithDbAsync(async db => Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "consolesession.ended" && a.Reason == "user disabled")));
    }

    [Fact]
    public async Task A_password_change_ends_every_session_of_the_user_and_the_new_password_signs_in()
    {
        var client = ConsoleCookies.Client(api);
        var user = await UserAsync("sato", Roles.Auditor);
        var laptop = await ConsoleCookies.SignInAsync(client, user);
        var phone = await ConsoleCookies.SignInAsync(client, user);

        const string newPassword = "a much longer new passphrase";
        Assert.Equal(0, await HostCommands.RunAsync(api.Services, ["user", "password", user, "--password-stdin"], new StringWriter(),
            new StringReader(newPassword + "\n")));

        Assert.False(await ConsoleCookies.OpensAsync(client, "/ops", laptop));
        Assert.False(await ConsoleCookies.OpensAsync(client, "/ops", phone));
        Assert.True(await ConsoleCookies.OpensAsync(client, "/ops", await ConsoleCookies.SignInAsync(client, user, newPassword)));
    }

    [Fact]
    public async Task An_admin_ends_a_users_sessions_from_the_console_and_the_end_is_audited()
    {
        var client = ConsoleCookies.Client(api);
        var user = await UserAsync("tanaka", Roles.AbuseDesk);
        var victim = await ConsoleCookies.SignInAsync(client, user);
        var admin = await ConsoleCookies.SignInAsync(client, await UserAsync("root", Roles.Admin));

        var (_, token) = await ConsoleCookies.FormTokenAsync(client, "/ops/sessions", admin);
        var ended = await ConsoleCookies.PostFormAsync(client, $"/ops/sessions?handler=EndAll&user={user}", admin, token, []);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, ended.StatusCode);

        Assert.False(await ConsoleCookies.OpensAsync(client, "/ops", victim));
        Assert.True(await ConsoleCookies.OpensAsync(client, "/ops", admin));
        await api.WithDbAsync(async db => Assert.True(await db.AuditEntries.AnyAsync(a =>
            a.Action == "consolesession.ended" && a.Reason == "ended by an admin" && a.Actor.StartsWith("user:root-"))));
    }

    [Fact]
    public async Task The_session_list_is_for_admins_only()
    {
        var client = ConsoleCookies.Client(api);
        var desk = await ConsoleCookies.SignInAsync(client, await UserAsync("desk", Roles.AbuseDesk));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ops/sessions");
        request.Headers.Add("Cookie", desk);
        var refused = await client.SendAsync(request);
        Assert.Contains("/ops/denied", refused.Headers.Location!.OriginalString);
    }
}

public sealed class ConsoleSessionTests_on_Sqlite(SqliteApiFactory api) : ConsoleSessionTests(api), IClassFixture<SqliteApiFactory>;

public sealed class ConsoleSessionTests_on_Postgres(PostgresApiFactory api) : ConsoleSessionTests(api), IClassFixture<PostgresApiFactory>;
