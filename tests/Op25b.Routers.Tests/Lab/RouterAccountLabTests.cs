using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;
using Op25b.Lab;
using Op25b.Routers.Nftables;
using Xunit.Abstractions;

namespace Op25b.Routers.Tests.Lab;

/// <summary>
/// docs/router/op25b-nft, the forced command for a restricted router key, runs on the lab router
/// every command the driver sends (the strings must stay in step with the driver's constants) and
/// refuses anything else.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class RouterAccountLabTests(LabNetwork lab, ITestOutputHelper output)
{
    private static string Wrapper()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Admin.sln")))
                return Path.Combine(dir.FullName, "docs", "router", "op25b-nft");
        throw new InvalidOperationException("Admin.sln not found");
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> AsRouterAccountAsync(string command) =>
        lab.ExecAsync(lab.RouterNs, "env", $"SSH_ORIGINAL_COMMAND={command}", "/bin/sh", Wrapper());

    [Fact]
    public async Task The_forced_command_runs_what_the_driver_sends_and_refuses_anything_else()
    {
        if (!lab.IsAvailable(output)) return;
        var content = new RuleSetContent("lab", BlockingPolicy.Default, [], [], [System.Net.IPNetwork.Parse("100.64.0.0/10")]);
        var push = await new NftablesSshDriver().ApplyAsync(lab.Router, new NftablesRenderer().Render(content) + NftablesIncrement.Marker(5),
            new NftablesExpectation(new Dictionary<string, IReadOnlyList<System.Net.IPNetwork>>()) { Marker = 5 }, CancellationToken.None);
        Assert.True(push.Succeeded, push.Output);

        foreach (var command in new[] { NftablesSshDriver.MarkerCommand(5), NftablesSshDriver.DigestCommand, NftablesSshDriver.ListCommand, "nft -j list set inet op25b pools_v4" })
        {
            var run = await AsRouterAccountAsync(command);
            Assert.True(run.ExitCode == 0, $"{command}: {run.Stderr}");
        }
        Assert.Equal(NftablesListing.Digest(content, 5), (await AsRouterAccountAsync(NftablesSshDriver.DigestCommand)).Stdout.Split(' ')[0]);

        foreach (var command in new[] { "nft flush ruleset", "nft -j list set inet op25b pools_v4; nft flush ruleset", "nft -j list set inet op25b op25b_v5;ls",
                     NftablesSshDriver.ApplyAndMarkerCommand(5) + " x", "sh", "" })
            Assert.Equal(126, (await AsRouterAccountAsync(command)).ExitCode);
        Assert.True((await lab.ReadTableAsync()).TableExists);
    }
}
