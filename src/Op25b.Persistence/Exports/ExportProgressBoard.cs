using System.Collections.Concurrent;

namespace Op25b.Persistence.Exports;

/// <summary>
/// Rows written by exports running in this process, read by the status endpoint. Kept in memory
/// because on SQLite (rollback journal) a progress write from a second connection would wait for
/// the export's own long read to finish; on PostgreSQL the runner also persists it periodically.
/// </summary>
public sealed class ExportProgressBoard
{
    private readonly ConcurrentDictionary<long, Func<long>> _running = new();

    public void Track(long exportId, Func<long> rowsWritten) => _running[exportId] = rowsWritten;

    public void Forget(long exportId) => _running.TryRemove(exportId, out _);

    public long? RowsWritten(long exportId) => _running.TryGetValue(exportId, out var rows) ? rows() : null;
}
