using System.Diagnostics;
using System.Globalization;
using Op25b.Lab;

namespace Op25b.Api.Tests.Lab;

/// <summary>
/// What the lab router ran, and when, as the kernel reports it: <c>nft monitor</c> in the router's
/// namespace prints every committed transaction (an aborted one prints nothing), and every push
/// moves the version marker (the empty set <c>op25b_v&lt;id&gt;</c>) in the same transaction as the rules. So this
/// log is the router's own account of which version it ran from when, independent of anything a
/// host recorded — the witness a deployment's recorded outcome is checked against.
/// </summary>
public sealed class RouterMarkerLog : IDisposable
{
    /// <summary>A committed transaction that touched the marker: from <paramref name="SeenAt"/> on, the router ran version id <paramref name="Marker"/> (null: no marker, no table).</summary>
    public sealed record Change(DateTimeOffset SeenAt, long? Marker);

    private const string MarkerSet = "set inet op25b " + Core.RuleSets.Rendering.NftablesIncrement.MarkerSetPrefix;
    private readonly Process _monitor;
    private readonly List<Change> _changes = [];
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long? _current;
    private long? _pending;
    private bool _touched;

    private RouterMarkerLog(Process monitor) => _monitor = monitor;

    public IReadOnlyList<Change> Changes
    {
        get
        {
            lock (_changes)
                return [.. _changes];
        }
    }

    /// <summary>Starts <c>nft monitor</c> in the router's namespace and returns once it demonstrably reports transactions.</summary>
    public static async Task<RouterMarkerLog> StartAsync(LabNetwork lab)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "netns", "exec", lab.RouterNs, "nft", "monitor" })
            start.ArgumentList.Add(arg);
        var log = new RouterMarkerLog(Process.Start(start)!);
        log._monitor.OutputDataReceived += (_, e) => log.Read(e.Data);
        log._monitor.ErrorDataReceived += (_, _) => { };
        log._monitor.BeginOutputReadLine();
        log._monitor.BeginErrorReadLine();
        // A transaction of its own, outside our table: once it is reported, the monitor is listening.
        var clock = Stopwatch.StartNew();
        while (!log._listening.Task.IsCompleted)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(20))
                throw new TimeoutException("nft monitor reported nothing");
            await lab.ExecAsync(lab.RouterNs, "nft", "add table inet op25b_probe; delete table inet op25b_probe");
            await Task.WhenAny(log._listening.Task, Task.Delay(200));
        }
        return log;
    }

    /// <summary>The version the router ran at <paramref name="at"/>, as far as this log saw; null before the first change.</summary>
    public long? MarkerAt(DateTimeOffset at) => Changes.LastOrDefault(c => c.SeenAt <= at)?.Marker;

    private void Read(string? line)
    {
        if (line is null)
            return;
        lock (_changes)
        {
            // A transaction's events come first, then the line that commits them.
            if (line.StartsWith("# new generation", StringComparison.Ordinal))
            {
                _listening.TrySetResult();
                if (_touched)
                    _changes.Add(new Change(DateTimeOffset.UtcNow, _current = _pending));
                _touched = false;
                return;
            }
            if (!_touched)
                _pending = _current;
            var whole = line.TrimEnd();
            if (whole is "delete table inet op25b")
                (_pending, _touched) = (null, true);
            else if (SetMarker(line, "add ") is { } added)
                (_pending, _touched) = (added, true);
            else if (SetMarker(line, "delete ") is { } deleted)
                (_pending, _touched) = (_pending == deleted ? null : _pending, true);
        }
    }

    /// <summary>The version id of a marker set line (<c>add set inet op25b op25b_v7 { type mark; }</c>, <c>delete set inet op25b op25b_v7</c>); null for any other line.</summary>
    private static long? SetMarker(string line, string verb)
    {
        if (!line.StartsWith(verb + MarkerSet, StringComparison.Ordinal))
            return null;
        var rest = line.AsSpan((verb + MarkerSet).Length);
        var digits = rest.IndexOfAnyExceptInRange('0', '9');
        return long.TryParse(digits < 0 ? rest : rest[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    public void Dispose()
    {
        if (!_monitor.HasExited)
        {
            _monitor.Kill();
            _monitor.WaitForExit();
        }
        _monitor.Dispose();
    }
}
