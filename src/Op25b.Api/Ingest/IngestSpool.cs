using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Op25b.Api.Ingest;

/// <summary>
/// A bounded local spool for router log lines that cannot be stored now (the database is down):
/// the quarantine lives in the same database, so without it they were lost without a trace.
/// Each batch becomes one segment file, written to a temporary name, fsync'd, then renamed, so
/// a segment is either whole or absent after a crash; segments replay oldest first and are
/// deleted once stored. What is in a segment survives <c>kill -9</c>.
/// </summary>
public sealed class IngestSpool
{
    private const string Suffix = ".spool";

    private sealed record Segment(string Path, long Bytes, int Lines, DateTimeOffset OldestReceivedAt);

    private readonly SortedDictionary<long, Segment> _segments = new();
    private readonly string _directory;
    private readonly long _maxBytes;
    private readonly SemaphoreSlim _appending = new(1, 1);
    private long _nextSequence;

    public IngestSpool(IOptions<IngestOptions> options, IHostEnvironment environment)
    {
        _directory = Path.GetFullPath(options.Value.SpoolDirectory, environment.ContentRootPath);
        _maxBytes = options.Value.SpoolMaxBytes;
        if (Directory.Exists(_directory))
            Recover();
    }

    public long Bytes { get { lock (_segments) return _segments.Values.Sum(s => s.Bytes); } }

    public int Lines { get { lock (_segments) return _segments.Values.Sum(s => s.Lines); } }

    public bool IsEmpty { get { lock (_segments) return _segments.Count == 0; } }

    /// <summary>Nothing more fits: the writer waits, so TCP senders are held back and UDP datagrams dropped (and counted).</summary>
    public bool IsFull => Bytes >= _maxBytes;

    /// <summary>When the oldest line waiting in the spool was received (null: empty).</summary>
    public DateTimeOffset? OldestReceivedAt { get { lock (_segments) return _segments.Count == 0 ? null : _segments.First().Value.OldestReceivedAt; } }

    /// <summary>
    /// Writes the batch as the newest segment and fsyncs it; false (nothing written) when the spool
    /// is full, unless <paramref name="ignoreBound"/> (a stopping host keeping what it holds).
    /// </summary>
    public async Task<bool> TryAppendAsync(IReadOnlyList<IngestItem> items, CancellationToken ct, bool ignoreBound = false)
    {
        if (items.Count == 0)
            return true;
        // One append at a time: the bound is checked against every segment already written, and
        // segment numbers follow the order batches arrived in.
        await _appending.WaitAsync(ct);
        try
        {
            if (!ignoreBound && IsFull)
                return false; // one batch may overshoot the bound: a batch is never split
            var sequence = Interlocked.Increment(ref _nextSequence);
            Directory.CreateDirectory(_directory);
            var path = Path.Combine(_directory, $"{sequence:D12}{Suffix}");
            var temporary = path + ".tmp";
            long bytes;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                foreach (var item in items)
                {
                    await file.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(SpooledItem.From(item)), ct);
                    file.WriteByte((byte)'\n');
                }
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
                bytes = file.Length;
            }
            // Atomic: after kill -9 the segment is whole or absent. (After a power cut the rename itself may be
            // lost, since the directory is not fsync'd; the README says so.)
            File.Move(temporary, path);
            lock (_segments)
                _segments[sequence] = new Segment(path, bytes, items.Count, items.Min(i => i.ReceivedAt));
            return true;
        }
        finally
        {
            _appending.Release();
        }
    }

    /// <summary>The oldest segment's lines, in the order they were received; null when the spool is empty.</summary>
    public async Task<(long Sequence, List<IngestItem> Items)?> OldestAsync(CancellationToken ct)
    {
        KeyValuePair<long, Segment> oldest;
        lock (_segments)
        {
            if (_segments.Count == 0)
                return null;
            oldest = _segments.First();
        }
        try
        {
            return (oldest.Key, await ReadAsync(oldest.Value.Path, ct));
        }
        catch (JsonException ex)
        {
            // Only a damaged disk or a hand edit gets here (segments are renamed whole): keep the file
            // for a person to look at, out of the replay's way, so it does not hold back all that follows.
            lock (_segments)
                _segments.Remove(oldest.Key);
            File.Move(oldest.Value.Path, oldest.Value.Path + ".unreadable");
            throw new InvalidDataException($"Spool segment {oldest.Value.Path} is unreadable; moved to {oldest.Value.Path}.unreadable", ex);
        }
    }

    /// <summary>The segment's lines are stored: it goes.</summary>
    public void Remove(long sequence)
    {
        Segment? segment;
        lock (_segments)
            _segments.Remove(sequence, out segment);
        if (segment is not null)
            File.Delete(segment.Path);
    }

    /// <summary>Reads a segment file (also for tests and tools that look at a spool from outside).</summary>
    public static async Task<List<IngestItem>> ReadAsync(string path, CancellationToken ct)
    {
        var items = new List<IngestItem>();
        foreach (var line in await File.ReadAllLinesAsync(path, Encoding.UTF8, ct))
            if (line.Length > 0)
                items.Add(JsonSerializer.Deserialize<SpooledItem>(line)!.ToItem());
        return items;
    }

    /// <summary>The segment files of a spool directory, oldest first.</summary>
    public static IEnumerable<string> SegmentsIn(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "*" + Suffix).Order(StringComparer.Ordinal) : [];

    /// <summary>At start: whole segments from before are replayed; a temporary file was never acknowledged and goes.</summary>
    private void Recover()
    {
        foreach (var partial in Directory.GetFiles(_directory, "*" + Suffix + ".tmp"))
            File.Delete(partial);
        foreach (var path in SegmentsIn(_directory))
        {
            if (!long.TryParse(Path.GetFileNameWithoutExtension(path), out var sequence))
                continue;
            List<IngestItem> items;
            try
            {
                items = ReadAsync(path, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (JsonException)
            {
                // As in OldestAsync: kept for a person, out of the replay's way (the host must still start).
                File.Move(path, path + ".unreadable");
                continue;
            }
            _segments[sequence] = new Segment(path, new FileInfo(path).Length, items.Count,
                items.Count == 0 ? DateTimeOffset.UtcNow : items.Min(i => i.ReceivedAt));
            _nextSequence = Math.Max(_nextSequence, sequence);
        }
    }
}
