using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Op25b.Api.Ingest;
using Op25b.Core.Attempts;
using Op25b.Core.Attempts.Chunks;
using Op25b.Core.Ingest;
using Op25b.Persistence;
using Op25b.Persistence.Attempts;

namespace Op25b.Api.Features.Attempts.IngestBatch;

public sealed record RejectedLine(int Line, string Reason);

public sealed record BatchOutcome(int Accepted, int Duplicates, int Rejected, int Attributed, IReadOnlyList<RejectedLine> RejectedLines);

/// <summary>
/// Streams a batch body into storage in chunks: each chunk is stored atomically, so when a client
/// disconnects half-way, what was stored is whole and nothing is counted twice on resend.
/// Lines that fail are quarantined verbatim with their number and reason.
/// </summary>
/// <remarks>
/// Parsing and storing overlap: while the database stores chunks, the next is parsed. On
/// PostgreSQL several chunks (Ingest:PostgresWriters, 2) are stored at once, each by its own connection, so the server can use a
/// second core (the rollup statements take their rows in key order, so two writers never
/// deadlock); SQLite has one writer. At most four chunks exist at once (filling, waiting, two
/// storing), each one pooled <see cref="AttemptChunk"/> of value rows reused for the next, so memory
/// stays flat whatever the body's size and no row object survives a database round trip.
/// </remarks>
public sealed class BatchIngestor(AdminDbContext db, IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration,
    DatabaseOptions database, IOptions<IngestOptions> ingest)
{
    /// <summary>A chunk of quarantined lines is stored at this size too (they are objects, but rare).</summary>
    private const int ChunkSize = AttemptChunk.Capacity;
    private const int ListedRejections = 1_000;

    /// <summary>Lines of the body in stream order: chunk <c>Number</c> of the stream, up to line <c>LastLine</c>.</summary>
    private sealed record Chunk(int Number, AttemptChunk Attempts, List<QuarantinedInput> Quarantined)
    {
        public int LastLine { get; set; }
    }

    private sealed class Tally
    {
        public int Accepted, Duplicates, Rejected, Attributed;
        public List<RejectedLine> Listed { get; } = [];
        public CommittedLines Committed { get; } = new();

        public void Add(StoreResult result)
        {
            Interlocked.Add(ref Accepted, result.Inserted);
            Interlocked.Add(ref Duplicates, result.Duplicates);
            Interlocked.Add(ref Attributed, result.Attributed);
        }
    }

    /// <exception cref="BatchInterrupted">The database became unavailable: how far the stream is committed, for the sender to resume from.</exception>
    public async Task<BatchOutcome> IngestAsync(IIngestBatchReader reader, Stream body, string origin, CancellationToken ct)
    {
        var tally = new Tally();
        try
        {
            return await IngestAsync(reader, body, origin, tally, ct);
        }
        catch (Exception ex) when (DatabaseUnavailable.Is(ex))
        {
            throw new BatchInterrupted(tally.Committed.Through, tally.Accepted, tally.Duplicates, tally.Rejected, ex);
        }
    }

    private async Task<BatchOutcome> IngestAsync(IIngestBatchReader reader, Stream body, string origin, Tally tally, CancellationToken ct)
    {
        var routers = (await db.Routers.AsNoTracking().Select(r => r.Name).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var chunks = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(1) { SingleReader = false, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var storing = Task.WhenAll(Enumerable.Range(0, ingest.Value.WritersFor(database)).Select(_ => StoreAllAsync(chunks.Reader, tally, stop)));
        try
        {
            await ReadAllAsync(reader, body, origin, routers, tally, chunks.Writer, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // Storing failed and stopped the reading: its error is the one to report.
        }
        finally
        {
            chunks.Writer.TryComplete();
            // Storing must be done before the request ends.
            await Task.WhenAny(storing);
        }
        await storing;
        return new BatchOutcome(tally.Accepted, tally.Duplicates, tally.Rejected, tally.Attributed, tally.Listed);
    }

    private async Task ReadAllAsync(IIngestBatchReader reader, Stream body, string origin, HashSet<string> routers, Tally tally,
        ChannelWriter<Chunk> chunks, CancellationToken ct)
    {
        var retention = TimeSpan.FromDays(configuration.GetValue("Retention:AttemptsDays", 180));
        var chunk = new Chunk(0, AttemptChunk.Rent(), []);
        await foreach (var line in reader.ReadAsync(body, ct))
        {
            var now = clock.GetUtcNow();
            var error = line.Error;
            BlockedAttemptRecord? record = null;
            if (line.Attempt is { } a)
            {
                record = new BlockedAttemptRecord(a.OccurredAt, a.Router, a.SourceIp, a.SourcePort, a.DestinationIp, a.DestinationPort, a.Protocol,
                    Enum.Parse<AttemptAction>(a.Action, true), a.Packets, a.EventId);
                error = AttemptValidation.Check(record, now, retention, routers);
            }
            if (error is not null)
            {
                tally.Rejected++;
                if (tally.Listed.Count < ListedRejections)
                    tally.Listed.Add(new RejectedLine(line.LineNumber, error));
                chunk.Quarantined.Add(new QuarantinedInput
                {
                    ReceivedAt = now, Channel = "rest", Origin = origin, LineNumber = line.LineNumber, Raw = line.Raw, Reason = error,
                });
            }
            else
            {
                chunk.Attempts.Add(AttemptRows.From(record!, "rest", now));
            }
            chunk.LastLine = line.LineNumber;
            if (chunk.Attempts.IsFull || chunk.Quarantined.Count >= ChunkSize)
            {
                await chunks.WriteAsync(chunk, ct);
                chunk = new Chunk(chunk.Number + 1, AttemptChunk.Rent(), []);
            }
        }
        if (chunk.Attempts.Count > 0 || chunk.Quarantined.Count > 0)
            await chunks.WriteAsync(chunk, ct);
    }

    /// <summary>One storing worker with its own context; a failure stops the reading.</summary>
    private async Task StoreAllAsync(ChannelReader<Chunk> chunks, Tally tally, CancellationTokenSource stop)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<AttemptStore>();
            var context = scope.ServiceProvider.GetRequiredService<AdminDbContext>();
            await foreach (var chunk in chunks.ReadAllAsync(stop.Token))
            {
                try
                {
                    if (chunk.Attempts.Count > 0)
                        tally.Add(await store.StoreAsync(chunk.Attempts, stop.Token));
                }
                finally
                {
                    // Reused by the reader for a later chunk: the rows' memory is recycled, not collected.
                    chunk.Attempts.Return();
                }
                if (chunk.Quarantined.Count > 0)
                {
                    // Quarantined lines have no resend detection, unlike attempts: they are written only
                    // once every earlier chunk is committed, so stored rejections always lie within
                    // committedThroughLine and a sender resuming after a 503 never sends them again.
                    // (Waiting holds no lock: this chunk's attempts are committed already.)
                    await tally.Committed.EarlierFinishedAsync(chunk.Number, stop.Token);
                    context.Quarantine.AddRange(chunk.Quarantined);
                    await context.SaveChangesAsync(stop.Token);
                    context.ChangeTracker.Clear();
                }
                tally.Committed.Finished(chunk.Number, chunk.LastLine);
            }
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }
}
