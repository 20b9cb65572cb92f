using System.Diagnostics;

namespace Op25b.Benchmarks;

/// <summary>Repeats a measurement and reports the median: the machine is shared and noisy.</summary>
public static class Figures
{
    public static double MedianMs(int runs, Action work) => MedianMs(runs, () => { work(); return Task.CompletedTask; }).GetAwaiter().GetResult();

    public static async Task<double> MedianMs(int runs, Func<Task> work)
    {
        var samples = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await work();
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Median(samples);
    }

    public static double Median(IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static void Print(string name, double value, string unit, string target) =>
        Console.WriteLine($"{name,-58} {value,10:F0} {unit,-3}  (target {target})");

    /// <summary>Median and min–max of <paramref name="samples"/> (ms).</summary>
    public static void PrintSpread(string name, IReadOnlyList<double> samples) =>
        Console.WriteLine($"{name,-58} median {Median(samples),8:F0} ms  (min–max {samples.Min():F0}–{samples.Max():F0}, n={samples.Count})");

    /// <summary>The machine is shared: every figure is printed with the load it was measured under.</summary>
    public static string LoadAverage() => "load average " + string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>Median and min–max of alternating runs, with each run listed.</summary>
    public static void PrintRuns(string name, IReadOnlyList<double> runs, string unit, string target) =>
        Console.WriteLine($"{name,-58} {Median(runs),10:F0} {unit,-3}  min–max {runs.Min():F0}–{runs.Max():F0}, runs [{string.Join(", ", runs.Select(r => r.ToString("F0")))}]  (target {target})");
}
