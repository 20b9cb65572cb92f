using System.Diagnostics;
using Op25b.Api.Cli;
using Op25b.Api.Tests.Infrastructure;

namespace Op25b.Api.Tests.Cli;

/// <summary>The CLI as an operator runs it: the built host binary in a process of its own.</summary>
public sealed class HostProcessCommandsTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task A_command_honours_configuration_given_as_arguments_like_the_host_does()
    {
        var data = _scratch.File("elsewhere");
        var (exit, output) = await RunHostAsync("migrate", "--Database:Provider", "Sqlite", $"--Database:DataDirectory={data}");

        Assert.True(exit == 0, output);
        Assert.Contains("Database is up to date.", output);
        Assert.True(File.Exists(Path.Combine(data, "op25b.db")), $"the database was not created under {data}: {output}");
    }

    [Fact]
    public void Configuration_arguments_are_told_from_the_commands_own_options()
    {
        var (command, configuration) = HostCommands.SplitArguments(
            ["apikey", "create", "--name", "crm", "--Database:Provider", "Postgres", "--role", "provisioning", "--Database:ConnectionString=Host=x"]);

        Assert.Equal(["apikey", "create", "--name", "crm", "--role", "provisioning"], command);
        Assert.Equal(["--Database:Provider", "Postgres", "--Database:ConnectionString=Host=x"], configuration);
    }

    private async Task<(int Exit, string Output)> RunHostAsync(params string[] args)
    {
        var start = HostProcess.Binary(_scratch.Path, args);
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
