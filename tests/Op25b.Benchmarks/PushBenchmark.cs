using Op25b.Api.Rollout;
using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;
using Op25b.Lab;
using Op25b.Routers.Nftables;

namespace Op25b.Benchmarks;

/// <summary>
/// The same rule set pushed through the driver (SSH, validate, atomic apply, read back and
/// compare) and applied with a plain `nft -f` inside the router namespace, alternating, so
/// both see the same machine load.
/// </summary>
public static class PushBenchmark
{
    public static async Task RunAsync(LabNetwork lab, RuleSetContent content, string label, int runs)
    {
        var script = RuleSetRenderers.For(Platform.Nftables).Render(content);
        var file = Path.Combine(Path.GetTempPath(), $"op25b-bench-{Guid.NewGuid():N}.nft");
        await File.WriteAllTextAsync(file, script);
        var expectation = NftablesExpectations.For(content);
        var driver = new NftablesSshDriver();
        var plain = new List<double>();
        var pushed = new List<double>();
        try
        {
            for (var i = 0; i < runs; i++)
            {
                plain.Add(await Figures.MedianMs(1, async () =>
                {
                    var result = await lab.ExecAsync(lab.RouterNs, "nft", "-f", file);
                    if (result.ExitCode != 0)
                        throw new InvalidOperationException($"nft -f failed: {result.Stderr}");
                }));
                pushed.Add(await Figures.MedianMs(1, async () =>
                {
                    var result = await driver.ApplyAsync(lab.Router, script, expectation, CancellationToken.None);
                    if (!result.Succeeded)
                        throw new InvalidOperationException($"driver push failed at {result.Stage}: {result.Output}");
                }));
            }
        }
        finally
        {
            File.Delete(file);
        }

        var plainMs = Figures.Median(plain);
        var driverMs = Figures.Median(pushed);
        Console.WriteLine($"push of {label} ({script.Length / 1024.0 / 1024.0:F1} MiB), {runs} runs each, alternating:");
        Figures.Print("  plain `nft -f` inside the router namespace (median)", plainMs, "ms", "baseline");
        Figures.Print("  driver: SSH + nft -f + read back + compare", driverMs, "ms", "-");
        Console.WriteLine($"  driver overhead: {(driverMs - plainMs) / plainMs * 100:F0}% (target < 20%)");
    }
}
