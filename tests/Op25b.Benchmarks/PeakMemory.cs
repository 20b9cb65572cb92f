namespace Op25b.Benchmarks;

/// <summary>
/// The process's peak resident set from now on: the kernel's high-water mark (VmHWM), reset at
/// the start (writing 5 to /proc/self/clear_refs), so earlier rounds and file writing do not count;
/// and, to tell the collector's share from the rest, the managed heap's peak sampled every 100 ms.
/// </summary>
public sealed class PeakMemory
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peakHeap;

    public PeakMemory()
    {
        File.WriteAllText("/proc/self/clear_refs", "5");
        _sampling = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var heap = GC.GetTotalMemory(false);
                if (heap > _peakHeap)
                {
                    _peakHeap = heap;
                    var info = GC.GetGCMemoryInfo();
                    AtPeak = $"after GC #{info.Index} (gen{info.Generation}): " + string.Join(", ", info.GenerationInfo.ToArray().Select((g, i) => $"g{i} {g.SizeAfterBytes / 1048576} MB")) +
                             $"; collections g0 {GC.CollectionCount(0)} g1 {GC.CollectionCount(1)} g2 {GC.CollectionCount(2)}";
                }
                await Task.Delay(100);
            }
        });
    }

    /// <summary>The heap by generation after the collection before the peak: which generation the garbage piles up in.</summary>
    public string AtPeak { get; private set; } = "";

    public double CurrentMegabytes => Status("VmRSS:");

    public double PeakHeapMegabytes => _peakHeap / 1024.0 / 1024.0;

    public async Task<double> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        return Status("VmHWM:");
    }

    private static double Status(string field) =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith(field, StringComparison.Ordinal))
            .Select(l => double.Parse(l[field.Length..].Trim().Split(' ')[0]) / 1024).First();
}
