using Microsoft.EntityFrameworkCore;
using Op25b.Core.Audit;

namespace Op25b.Persistence.Audit;

public sealed record AuditVerification(bool Intact, long EntriesChecked, long? FirstBrokenSequence, string? Reason, string HeadHash);

/// <summary>Re-computes the whole chain in batches, so memory stays flat however long the trail is.</summary>
public sealed class AuditVerifier(AdminDbContext db)
{
    private const int BatchSize = 5_000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct)
    {
        (long Sequence, string Hash) previous = (0, AuditChain.GenesisHash);
        long checkedCount = 0;
        while (true)
        {
            var after = previous.Sequence;
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
                return new AuditVerification(true, checkedCount, null, null, previous.Hash);

            var broken = AuditChain.FindFirstBreak(batch, ref previous);
            if (broken is not null)
                return new AuditVerification(false, checkedCount + batch.Count(e => e.Sequence < broken.Sequence),
                    broken.Sequence, broken.Reason, previous.Hash);
            checkedCount += batch.Count;
        }
    }
}
