using System.Globalization;
using Op25b.Core.RuleSets;
using Op25b.Lab;

namespace Op25b.Benchmarks;

/// <summary>
/// Figures for the README's performance section. Usage (root, for the lab parts):
///   dotnet run -c Release --project tests/Op25b.Benchmarks -- compile [exemptions]      (issue 12: against Python, alternating)
///   dotnet run -c Release --project tests/Op25b.Benchmarks -- compile-pools [exemptions] (issue 3: 1M pool addresses)
///   dotnet run -c Release --project tests/Op25b.Benchmarks [compile] [push] [e2e] [ingest N [rounds]] [syslog N [runs]] [volume [reads]] [offenders [subscribers]]
///   dotnet run -c Release --project tests/Op25b.Benchmarks -- export [subscribers] [days] [runs]
///   dotnet run -c Release --project tests/Op25b.Benchmarks -- e2e200k [runs]
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        var parts = args.Length == 0 ? ["compile", "push", "e2e", "ingest"] : args;
        if (parts is not (["compile-run", ..] or ["compile-list", ..]))
        {
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:u}");
            // The API's settings (src/Op25b.Api/GarbageCollection.props) come from the environment here: ingest figures need DOTNET_gcServer=1 DOTNET_GCConserveMemory=5.
            Console.WriteLine($"GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, conserve memory {AppContext.GetData("GCConserveMemory") ?? Environment.GetEnvironmentVariable("DOTNET_GCConserveMemory") ?? "0"}");
        }
        if (parts.Contains("volume"))
        {
            await VolumeBenchmark.RunAsync(readsOnly: parts.Contains("reads"));
            return 0;
        }
        if (parts.Contains("offenders"))
        {
            await OffenderBenchmark.RunAsync(subscribers: args.Length > 1 && int.TryParse(args[^1], out var s) ? s : 200_000, runs: 7);
            if (parts is ["offenders"] or ["offenders", _])
                return 0;
        }
        if (parts is ["export", ..])
        {
            int At(int i, int fallback) => args.Length > i && int.TryParse(args[i], out var v) ? v : fallback;
            await ExportBenchmark.RunAsync(subscribers: At(1, 100_000), days: At(2, 100), runs: At(3, 3));
            return 0;
        }
        if (parts is ["compile-run", var file])
            return CompileRun.Run(file);
        if (parts is ["compile-list", var target, var size])
        {
            File.WriteAllLines(target, ExemptionWorkload.Prefixes(int.Parse(size, CultureInfo.InvariantCulture)).Select(p => p.ToString()));
            return 0;
        }
        if (parts is ["compile-run", var list, var repeat])
            return CompileRun.Run(list, int.Parse(repeat, CultureInfo.InvariantCulture));
        if (parts is ["compile"] or ["compile", _])
            return CompileVersusPython.Run(exemptions: parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 200_000, rounds: 5);
        if (parts is ["compile-pools", var exemptionCount] && int.TryParse(exemptionCount, out var exemptions))
        {
            CompileBenchmark.Run(runs: 3, exemptions); // e.g. the scale-out figure at 1,000,000 exemptions
            return 0;
        }
        if (parts.Contains("syslog"))
        {
            // syslog [lines] [runs]
            await SyslogBenchmark.RunAsync(args.Length > 1 && int.TryParse(args[1], out var count) ? count : 200_000,
                args.Length > 2 && int.TryParse(args[2], out var syslogRuns) ? syslogRuns : 1);
            if (parts.Length <= 2 && !parts.Contains("ingest"))
                return 0;
        }
        if (parts.Contains("ingest"))
        {
            // ingest [rows] [rounds]: rounds of endpoint then \copy, alternating.
            var rows = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 1_000_000;
            var rounds = args.Length > 2 && int.TryParse(args[2], out var r) ? r : 3;
            await IngestBenchmark.RunAsync(rows, subscribers: 100_000, rounds);
            if (parts.Length == 1 || parts is ["ingest", ..])
                return 0;
        }

        // e2e200k: only approve → enforced with 200,000 exemptions deployed (no compile figure, no API run).
        var compiled = parts is ["e2e200k", ..] ? null : CompileBenchmark.Run(runs: parts.Contains("compile") ? 7 : 1);
        if (!parts.Contains("push") && !parts.Contains("e2e") && !parts.Contains("e2e200k"))
            return 0;

        var lab = new LabNetwork();
        await lab.InitializeAsync();
        try
        {
            if (lab.Unavailable is { } reason)
            {
                Console.WriteLine($"lab figures not measured: {reason}");
                return 1;
            }
            if (parts.Contains("push") && compiled is not null)
            {
                var smaller = RuleSetCompiler.Compile(RuleSetWorkload.Build(poolAddresses: 100_000, exemptions: 20_000));
                await PushBenchmark.RunAsync(lab, smaller.Content, "a 100k-address rule set", runs: 5);
                if (!parts.Contains("push100k"))
                    await PushBenchmark.RunAsync(lab, compiled.Content, "the 1M-address rule set", runs: 3);
            }
            if (parts.Contains("e2e"))
            {
                await ApproveToEnforcedBenchmark.RunAsync(lab, runs: 5);
                await ApproveToEnforcedBenchmark.RunAtScaleAsync(lab, deployed: 200_000, runs: 5);
            }
            if (parts is ["e2e200k", ..])
                await ApproveToEnforcedBenchmark.RunAtScaleAsync(lab, deployed: 200_000, runs: args.Length > 1 && int.TryParse(args[1], out var r) ? r : 7);
        }
        finally
        {
            await lab.DisposeAsync();
        }
        return 0;
    }
}
