using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Core.Access;
using Op25b.Persistence.Access;
using Op25b.Api.Cli;
using Op25b.Api.Tests.Infrastructure;

namespace Op25b.Api.Tests.Cli;

/// <summary>The host's administrative commands, run against the same services the web host uses.</summary>
public sealed class HostCommandsTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await HostCommands.RunAsync(api.Services, args, output);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task A_key_created_on_the_command_line_works_once_and_stops_working_when_revoked()
    {
        var (exit, output) = await RunAsync("apikey", "create", "--name", "crm-cli", "--role", "provisioning");
        Assert.Equal(0, exit);
        var key = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        Assert.StartsWith("op25b_", key);

        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("Authorization", $"ApiKey {key}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/subscribers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit")).StatusCode);

        var list = await RunAsync("apikey", "list");
        Assert.Contains("crm-cli", list.Output);
        Assert.DoesNotContain(key.Split('_', 3)[2], list.Output);

        Assert.Equal(0, (await RunAsync("apikey", "revoke", "crm-cli", "--reason", "rotated")).Exit);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/subscribers")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_role_is_refused_with_the_list_of_roles()
    {
        var (exit, output) = await RunAsync("apikey", "create", "--name", "x", "--role", "superuser");
        Assert.Equal(2, exit);
        Assert.Contains("abuse-desk", output);
    }

    [Fact]
    public async Task Audit_verify_reports_an_intact_chain()
    {
        await RunAsync("apikey", "create", "--name", "audit-probe", "--role", "auditor");
        var (exit, output) = await RunAsync("audit", "verify");
        Assert.Equal(0, exit);
        Assert.Contains("intact", output);
    }

    [Fact]
    public async Task A_console_user_created_on_the_command_line_gets_a_password_printed_once_and_can_be_disabled()
    {
        var name = $"alice-{Guid.NewGuid().ToString("N")[..6]}";
        var (exit, output) = await RunAsync("user", "create", "--name", name, "--role", "admin");
        Assert.Equal(0, exit);
        var password = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        Assert.Equal(24, password.Length);
        Assert.Equal(SignInOutcome.Succeeded, await SignInAsync(name, password));

        var list = await RunAsync("user", "list");
        Assert.Contains(name, list.Output);
        Assert.DoesNotContain(password, list.Output);
        await api.WithDbAsync(async db => Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "consoleuser.created" && a.EntityId == name)));

        Assert.Equal(0, (await RunAsync("user", "disable", name, "--reason", "left the team")).Exit);
        Assert.Equal(SignInOutcome.Failed, await SignInAsync(name, password));
    }

    [Fact]
    public async Task A_console_password_can_come_from_stdin_and_a_short_one_is_refused()
    {
        var name = $"sato-{Guid.NewGuid().ToString("N")[..6]}";
        var output = new StringWriter();
        Assert.Equal(2, await HostCommands.RunAsync(api.Services, ["user", "create", "--name", name, "--role", "abuse-desk", "--password-stdin"],
            output, new StringReader("short\n")));
        Assert.Contains("12 characters", output.ToString());

        output = new StringWriter();
        Assert.Equal(0, await HostCommands.RunAsync(api.Services, ["user", "create", "--name", name, "--role", "abuse-desk", "--password-stdin"],
            output, new StringReader("a long enough passphrase\n")));
        Assert.DoesNotContain("a long enough passphrase", output.ToString());
        Assert.Equal(SignInOutcome.Succeeded, await SignInAsync(name, "a long enough passphrase"));
    }

    private Task<SignInOutcome> SignInAsync(string name, string password) =>
        api.WithScopeAsync(async sp => (await sp.GetRequiredService<ConsoleSignIn>()
            .CheckAsync(name, password, "127.0.0.1", SignInLockout.Default, null, CancellationToken.None)).Outcome);
}
