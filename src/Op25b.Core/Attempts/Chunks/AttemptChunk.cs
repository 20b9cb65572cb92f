using System.Collections.Concurrent;

namespace Op25b.Core.Attempts.Chunks;

/// <summary>
/// <see cref="Capacity"/> attempts (more when a caller insists) in one reused array: what a writer stores in one
/// transaction. Rent one, fill it, store it, return it — the array and its string table are
/// kept for the next chunk, so a stream of any length allocates no per-row object that outlives
/// parsing, and the memory in use is the number of chunks in flight times their size.
/// </summary>
public sealed class AttemptChunk
{
    public const int Capacity = 10_000;

    /// <summary>More free chunks than this are left to the collector: writers times a few is all a host keeps in flight.</summary>
    private const int PoolSize = 16;

    private static readonly ConcurrentBag<AttemptChunk> Pool = [];

    private AttemptRow[] _rows = new AttemptRow[Capacity];
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    private AttemptChunk()
    {
    }

    public int Count { get; private set; }

    /// <summary>Time to store it: a writer ships a chunk once it holds this many rows.</summary>
    public bool IsFull => Count >= Capacity;

    /// <summary>The rows so far; valid until the chunk is returned.</summary>
    public ReadOnlySpan<AttemptRow> Rows => _rows.AsSpan(0, Count);

    /// <summary>Row <paramref name="index"/> by reference, for writers that cannot hold a span across an await.</summary>
    public ref readonly AttemptRow this[int index] => ref _rows[index];

    public static AttemptChunk Rent() => Pool.TryTake(out var chunk) ? chunk : new AttemptChunk();

    /// <summary>Clears the chunk (dropping its string references) and keeps it for reuse.</summary>
    public void Return()
    {
        Array.Clear(_rows, 0, Count);
        Count = 0;
        _names.Clear();
        if (Pool.Count < PoolSize)
            Pool.Add(this);
    }

    /// <summary>Appends a row; its names are replaced by the chunk's shared instance of the same text.</summary>
    public void Add(in AttemptRow row)
    {
        // Only a caller storing a larger list in one transaction gets here; the array stays grown for reuse.
        if (Count == _rows.Length)
            Array.Resize(ref _rows, _rows.Length * 2);
        ref var slot = ref _rows[Count++];
        slot = row;
        slot.RouterName = Shared(row.RouterName);
        slot.Protocol = Shared(row.Protocol);
    }

    public static AttemptChunk From(IEnumerable<BlockedAttempt> attempts)
    {
        var chunk = Rent();
        foreach (var a in attempts)
            chunk.Add(AttemptRows.From(a));
        return chunk;
    }

    /// <summary>The UTC days the rows fall on (a chunk rarely spans more than two).</summary>
    public IReadOnlyCollection<DateOnly> Days()
    {
        var days = new HashSet<DateOnly>();
        foreach (ref readonly var row in Rows)
            days.Add(DateOnly.FromDateTime(row.OccurredAt));
        return days;
    }

    private string Shared(string name)
    {
        if (_names.TryGetValue(name, out var shared))
            return shared;
        _names[name] = name;
        return name;
    }
}
