using System.Diagnostics;
using Op25b.Api.Rollout;
using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;
using Op25b.Lab;
using Op25b.Routers.Nftables;

namespace Op25b.Benchmarks;

/// <summary>
/// A full replace of the same file (rule set + version marker) alternately through the driver (A:
/// SSH connect, the file streamed into <c>nft -f -</c>, verification by the version marker) and
/// with a plain <c>nft -f</c> inside the router namespace (B), so both see the same machine load.
/// </summary>
public static class PushBenchmark
{
    public static async Task RunAsync(LabNetwork lab, RuleSetContent content, string label, int runs)
    {
        const long version = 1;
        var script = RuleSetRenderers.For(Platform.Nftables).Render(content) + NftablesIncrement.Marker(version);
        var file = Path.Combine(Path.GetTempPath(), $"op25b-bench-{Guid.NewGuid():N}.nft");
        await File.WriteAllTextAsync(file, script);
        var expectation = NftablesExpectations.For(content) with { Marker = version };
        var driver = new NftablesSshDriver(new Routers.Ssh.SshTimeouts(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(15)));
        var plain = new List<double>();
        var pushed = new List<double>();
        var stages = new Dictionary<string, List<double>>();
        Console.WriteLine($"push of {label} ({script.Length / 1024.0 / 1024.0:F1} MiB), {runs} runs each, alternating A B; {Figures.LoadAverage()}");
        try
        {
            // Not counted: every measured run then replaces a table equal to the one it writes.
            await lab.ExecAsync(lab.RouterNs, "nft", "-f", file);
            for (var i = 0; i < runs; i++)
            {
                var result = await driver.ApplyAsync(lab.Router, script, expectation, CancellationToken.None);
                if (!result.Succeeded)
                    throw new InvalidOperationException($"driver push failed at {result.Stage}: {result.Output}");
                pushed.Add(result.Elapsed.TotalMilliseconds);
                foreach (var (stage, elapsed) in result.Stages)
                    (stages.TryGetValue(stage, out var list) ? list : stages[stage] = []).Add(elapsed.TotalMilliseconds);

                var clock = Stopwatch.StartNew();
                var apply = await lab.ExecAsync(lab.RouterNs, "nft", "-f", file);
                if (apply.ExitCode != 0)
                    throw new InvalidOperationException($"nft -f failed: {apply.Stderr}");
                plain.Add(clock.Elapsed.TotalMilliseconds);
                Console.WriteLine($"  run {i + 1}: A driver {pushed[^1]:F0} ms ({result.Profile}), B plain {plain[^1]:F0} ms; {Figures.LoadAverage()}");
            }
        }
        finally
        {
            File.Delete(file);
        }

        Figures.PrintSpread("  A driver: connect + nft -f - + marker check", pushed);
        Figures.PrintSpread("  B plain `nft -f` inside the router namespace", plain);
        foreach (var (stage, samples) in stages)
            Figures.PrintSpread($"    driver stage {stage}", samples);
        Console.WriteLine($"  driver / plain (medians): {Figures.Median(pushed) / Figures.Median(plain):F2}x (target <= 1.2x); {Figures.LoadAverage()}");
    }
}
