using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Op25b.Benchmarks;

/// <summary>
/// Which types the large object heap is filled with (OP25B_BENCH_LOH=1): the runtime's
/// allocation-tick events for large objects, summed by type. A diagnostic, not a figure.
/// </summary>
public sealed class LargeAllocations : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        // AllocationTick_V4: AllocationAmount, AllocationKind (1 = large), ..., TypeName
        if (e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
            return;
        var kind = Convert.ToInt32(e.Payload[e.PayloadNames!.IndexOf("AllocationKind")]);
        if (kind != 1)
            return;
        var type = e.Payload[e.PayloadNames.IndexOf("TypeName")]?.ToString() ?? "?";
        _bytes.AddOrUpdate(type, Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount64")]), (_, b) => b + Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount64")]));
    }

    public string Top() => string.Join("; ", _bytes.OrderByDescending(p => p.Value).Take(6).Select(p => $"{p.Key} {p.Value / 1048576} MB"));
}
