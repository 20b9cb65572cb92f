using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;

namespace Op25b.Benchmarks;

/// <summary>Compile (aggregate, provenance, canonical form, hash) and nftables rendering of the workload.</summary>
public static class CompileBenchmark
{
    public static CompiledRuleSet Run(int runs, int exemptions = 200_000)
    {
        var snapshot = RuleSetWorkload.Build(exemptions: exemptions);
        CompiledRuleSet compiled = null!;
        RuleSetCompiler.Compile(snapshot); // warm-up: JIT, not part of the figure
        var compileMs = Figures.MedianMs(runs, () => compiled = RuleSetCompiler.Compile(snapshot));
        var renderer = RuleSetRenderers.For(Platform.Nftables);
        var script = "";
        var renderMs = Figures.MedianMs(runs, () => script = renderer.Render(compiled.Content));
        var aggregateMs = Figures.MedianMs(runs, () => PrefixAggregator.Aggregate(snapshot.Pools));

        var content = compiled.Content;
        Console.WriteLine($"workload: {snapshot.Pools.Count:N0} pool addresses, {snapshot.Exempt.Count:N0} exemptions -> " +
                          $"{content.Pools.Count:N0} pool prefixes, {content.Exempt.Count:N0} exempt entries after aggregation; " +
                          $"nftables file {script.Length / 1024.0 / 1024.0:F1} MiB");
        Figures.Print("aggregate pools alone (median)", aggregateMs, "ms", "-");
        Figures.Print($"compile + aggregate, 1M pool addresses + {exemptions:N0} exemptions", compileMs, "ms", exemptions == 200_000 ? "< 1000 ms" : "-");
        Figures.Print("render nftables", renderMs, "ms", "< 1000 ms");
        return compiled;
    }
}
