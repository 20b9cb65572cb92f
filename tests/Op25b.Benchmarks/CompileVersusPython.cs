using System.Diagnostics;
using System.Globalization;

namespace Op25b.Benchmarks;

/// <summary>
/// Issue 12's compile figure: compile + render of every platform for the exemption workload,
/// against Python's stdlib <c>ipaddress</c> parsing and collapsing the same list, alternating
/// A B A B. Each of our runs is a fresh process (<see cref="CompileRun"/>), so the peak RSS it
/// reports is that of one compile + render, not of this harness or of earlier runs.
/// </summary>
public static class CompileVersusPython
{
    private const string PythonPath = "/root/.pyenv/shims/python3";

    // Parse + collapse per family, timed inside Python so interpreter start-up is not counted
    // (our side likewise times only its work, after a warm-up on a small slice).
    private const string PythonScript = """
        import ipaddress, sys, time
        lines = open(sys.argv[1]).read().split()
        start = time.perf_counter()
        nets = [ipaddress.ip_network(line) for line in lines]
        out = list(ipaddress.collapse_addresses([n for n in nets if n.version == 4]))
        out += list(ipaddress.collapse_addresses([n for n in nets if n.version == 6]))
        print(f"ms={(time.perf_counter() - start) * 1000:.1f} prefixes={len(out)}")
        """;

    public static int Run(int exemptions, int rounds)
    {
        var file = Path.Combine(Path.GetTempPath(), $"op25b-exemptions-{Environment.ProcessId}.txt");
        File.WriteAllLines(file, ExemptionWorkload.Prefixes(exemptions).Select(p => p.ToString()));
        try
        {
            var python = Python();
            Console.WriteLine($"workload: {exemptions:N0} exempt prefixes ({new FileInfo(file).Length / 1024.0 / 1024.0:F1} MiB list), load average before {LoadAverage()}");
            if (python is null)
                Console.WriteLine($"python3 not found ({PythonPath} or on PATH): our side only, no ratio");
            var ours = new List<IReadOnlyDictionary<string, string>>();
            var theirs = new List<IReadOnlyDictionary<string, string>>();
            for (var round = 0; round < rounds; round++)
            {
                ours.Add(Child(Environment.ProcessPath!, [.. SelfArguments(), "compile-run", file]));
                if (python is not null)
                    theirs.Add(Child(python, ["-c", PythonScript, file]));
                Console.WriteLine($"  round {round + 1}: ours {ours[^1]["ms"]} ms (peak {ours[^1]["peakMiB"]} MiB)" +
                                  (python is null ? "" : $", python {theirs[^1]["ms"]} ms"));
            }
            Console.WriteLine($"load average after {LoadAverage()}");
            Console.WriteLine($"ours: {string.Join(", ", ours[0].Where(p => p.Key is not ("ms" or "peakMiB")).Select(p => $"{p.Key}={p.Value}"))}");
            Report("ours: parse + compile + render all platforms", ours, "ms", "-");
            Report("ours: IETF ACL JSON render alone", ours, "ietfMs", "< 500 ms");
            Report("ours: peak RSS (VmHWM) of the process", ours, "peakMiB", "< 300 MiB", unit: "MiB");
            if (python is null)
                return 0;
            Console.WriteLine($"python: {theirs[0]["prefixes"]} prefixes after collapse_addresses");
            Report("python: ipaddress parse + collapse_addresses", theirs, "ms", "-");
            var ratio = Median(theirs, "ms") / Median(ours, "ms");
            Console.WriteLine($"{"ratio python / ours (medians)",-58} {ratio,10:F1} x    (target >= 12 x)");
            return 0;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void Report(string name, List<IReadOnlyDictionary<string, string>> runs, string key, string target, string unit = "ms")
    {
        var values = runs.Select(r => Value(r, key)).Order().ToList();
        Console.WriteLine($"{name,-58} {Figures.Median(values),10:F0} {unit,-3}  min-max {values[0]:F0}-{values[^1]:F0}, {values.Count} runs  (target {target})");
    }

    private static double Median(List<IReadOnlyDictionary<string, string>> runs, string key) =>
        Figures.Median([.. runs.Select(r => Value(r, key))]);

    private static double Value(IReadOnlyDictionary<string, string> run, string key) => double.Parse(run[key], CultureInfo.InvariantCulture);

    /// <summary>Runs a process to completion and reads the key=value pairs of its last output line.</summary>
    private static IReadOnlyDictionary<string, string> Child(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {errors.Result}");
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        return last.Split(' ').Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
    }

    /// <summary>Under "dotnet run" this process is the dotnet host running our dll; with an apphost it is the program itself.</summary>
    private static IEnumerable<string> SelfArguments() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? [typeof(CompileVersusPython).Assembly.Location] : [];

    private static string? Python()
    {
        if (File.Exists(PythonPath))
            return PythonPath;
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, "python3")).FirstOrDefault(File.Exists);
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
