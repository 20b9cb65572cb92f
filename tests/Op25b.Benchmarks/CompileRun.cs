using System.Diagnostics;
using System.Globalization;
using System.Net;
using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;

namespace Op25b.Benchmarks;

/// <summary>
/// One measured compile + render of every platform in a fresh process: reads the prefix list,
/// parses it, compiles, renders each platform to a byte-counting sink, and prints its timings and
/// its peak RSS as key=value pairs on one line for <see cref="CompileVersusPython"/>.
/// </summary>
public static class CompileRun
{
    public static int Run(string file, int repeat = 0)
    {
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < repeat; i++)
            Console.WriteLine(Once(lines));
        // Warm-up on the same list, twice (tiered JIT promotes hot code after the first): a host
        // compiles again and again, so the figure is of optimised code. The garbage is collected
        // before the measured run; VmHWM covers all three, each the peak of one compile + render.
        Once(lines);
        Once(lines);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var clock = Stopwatch.StartNew();
        var figures = Once(lines);
        var total = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ms={total:F1} {figures} peakMiB={PeakResidentKiB() / 1024.0:F1}"));
        return 0;
    }

    private static string Once(string[] lines)
    {
        var clock = Stopwatch.StartNew();
        var prefixes = new IPNetwork[lines.Length];
        for (var i = 0; i < lines.Length; i++)
            prefixes[i] = IPNetwork.Parse(lines[i]);
        var parseMs = clock.Elapsed.TotalMilliseconds;
        var compiled = RuleSetCompiler.Compile(ExemptionWorkload.Snapshot(prefixes));
        var compileMs = clock.Elapsed.TotalMilliseconds - parseMs;
        var sizes = new List<string>();
        var ietfMs = 0.0;
        foreach (var renderer in RuleSetRenderers.All)
        {
            var started = clock.Elapsed.TotalMilliseconds;
            var sink = new CountingSink();
            renderer.Render(compiled.Content, sink);
            if (renderer.Platform == Platform.IetfAclJson)
                ietfMs = clock.Elapsed.TotalMilliseconds - started;
            sizes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{renderer.Platform.Name()}={sink.Length / 1024.0 / 1024.0:F1}MiB/{clock.Elapsed.TotalMilliseconds - started:F0}ms"));
        }
        var renderMs = clock.Elapsed.TotalMilliseconds - parseMs - compileMs;
        return string.Create(CultureInfo.InvariantCulture,
            $"parseMs={parseMs:F0} compileMs={compileMs:F0} renderMs={renderMs:F0} ietfMs={ietfMs:F1} entries={compiled.Content.Exempt.Count} warnings={compiled.Warnings.Count} {string.Join(' ', sizes)}");
    }

    /// <summary>VmHWM: the most resident memory this process has held.</summary>
    private static long PeakResidentKiB() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    /// <summary>Where the artifacts go in the benchmark: counted, not kept, so disk speed is not part of the figure.</summary>
    private sealed class CountingSink : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Position;
        public override long Position { get; set; }
        public override void Write(byte[] buffer, int offset, int count) => Position += count;
        public override void Write(ReadOnlySpan<byte> buffer) => Position += buffer.Length;
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
