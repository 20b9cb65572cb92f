using System.Net;
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
}
