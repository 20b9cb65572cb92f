using Microsoft.EntityFrameworkCore;
using Op25b.Core.Attempts;
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
public sealed class BatchIngestor(AdminDbContext db, AttemptStore store, TimeProvider clock, IConfiguration configuration)
{
    private const int ChunkSize = 2_000;
    private const int ListedRejections = 1_000;

    public async Task<BatchOutcome> IngestAsync(IIngestBatchReader reader, Stream body, string origin, CancellationToken ct)
    {
        var retention = TimeSpan.FromDays(configuration.GetValue("Retention:AttemptsDays", 180));
        var routers = (await db.Routers.AsNoTracking().Select(r => r.Name).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var chunk = new List<BlockedAttempt>(ChunkSize);
        var quarantine = new List<QuarantinedInput>();
        var listed = new List<RejectedLine>();
        int accepted = 0, duplicates = 0, rejected = 0, attributed = 0;

        async Task FlushAsync()
        {
            if (chunk.Count > 0)
            {
                var result = await store.StoreAsync(chunk, ct);
                (accepted, duplicates, attributed) = (accepted + result.Inserted, duplicates + result.Duplicates, attributed + result.Attributed);
                chunk.Clear();
            }
            if (quarantine.Count > 0)
            {
                db.Quarantine.AddRange(quarantine);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                quarantine.Clear();
            }
        }

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
                rejected++;
                if (listed.Count < ListedRejections)
                    listed.Add(new RejectedLine(line.LineNumber, error));
                quarantine.Add(new QuarantinedInput
                {
                    ReceivedAt = now, Channel = "rest", Origin = origin, LineNumber = line.LineNumber, Raw = line.Raw, Reason = error,
                });
            }
            else
            {
                chunk.Add(BlockedAttempt.From(record!, "rest", now));
            }
            if (chunk.Count >= ChunkSize || quarantine.Count >= ChunkSize)
                await FlushAsync();
        }
        await FlushAsync();
        return new BatchOutcome(accepted, duplicates, rejected, attributed, listed);
    }
}
