using Microsoft.EntityFrameworkCore;
using Op25b.Core.Audit;

namespace Op25b.Persistence.Audit;

/// <param name="AnchorSequence">When older entries were archived and removed: the last removed entry, from which checking started.</param>
public sealed record AuditVerification(bool Intact, long EntriesChecked, long? FirstBrokenSequence, string? Reason, string HeadHash, long? AnchorSequence = null);

/// <summary>
/// Re-computes the whole chain in batches, so memory stays flat however long the trail is. After an
/// audit purge it starts from the latest anchor (the last archived entry's sequence and hash) instead
/// of the genesis, and requires the <c>audit.archived</c> entry that vouches for that anchor.
/// </summary>
public sealed class AuditVerifier(AdminDbContext db)
{
    private const int BatchSize = 5_000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct)
    {
        var anchor = await db.AuditAnchors.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(ct);
        (long Sequence, string Hash) previous = anchor is null ? (0, AuditChain.GenesisHash) : (anchor.Sequence, anchor.Hash);
        if (anchor is not null && !await VouchedForAsync(anchor, ct))
            return new AuditVerification(false, 0, anchor.Sequence + 1,
                "the purge anchor is not named by an audit.archived entry in the chain: entries were removed without an archive", previous.Hash, anchor.Sequence);
        var result = await VerifyFromAsync(previous, ct);
        return result with { AnchorSequence = anchor?.Sequence };
    }

    private async Task<bool> VouchedForAsync(Core.Audit.AuditAnchor anchor, CancellationToken ct)
    {
        var id = anchor.Sequence.ToString();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == "audit.archived" && e.EntityType == "audit" && e.EntityId == id && e.Sequence > anchor.Sequence)
            .Select(e => e.After).ToListAsync(ct);
        return entries.Any(after => after is not null && after.Contains(anchor.Hash, StringComparison.Ordinal)
                                    && after.Contains(anchor.ArchiveSha256, StringComparison.Ordinal));
    }

    private async Task<AuditVerification> VerifyFromAsync((long Sequence, string Hash) previous, CancellationToken ct)
    {
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
