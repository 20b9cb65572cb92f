using Microsoft.EntityFrameworkCore;
using Op25b.Core.Audit;

namespace Op25b.Persistence.Audit;

/// <param name="AnchorSequence">When older entries were archived and removed: the last removed entry, from which checking started.</param>
/// <param name="CheckpointsChecked">Checkpoints (this host's, and any other host's files given) compared with the chain.</param>
/// <param name="CheckpointLinesSkipped">Checkpoint lines that do not parse (a line cut by a crash): they vouch for nothing.</param>
public sealed record AuditVerification(bool Intact, long EntriesChecked, long? FirstBrokenSequence, string? Reason, string HeadHash,
    long? AnchorSequence = null, int CheckpointsChecked = 0, int CheckpointLinesSkipped = 0);

/// <summary>
/// Re-computes the whole chain in batches, so memory stays flat however long the trail is, checking
/// each entry's seal with the keyring and comparing it with the checkpoints written outside the
/// database; after the last entry, a checkpoint further on means entries were deleted. After an
/// audit purge it starts from the latest anchor (the last archived entry's sequence and hash) instead
/// of the genesis, and requires the <c>audit.archived</c> entry that vouches for that anchor.
/// </summary>
public sealed class AuditVerifier(AdminDbContext db, AuditKeyStore keys, AuditCheckpointLog checkpointLog)
{
    private const int BatchSize = 5_000;

    public Task<AuditVerification> VerifyAsync(CancellationToken ct) => VerifyAsync([], ct);

    /// <param name="otherCheckpointFiles">Other hosts' checkpoint files, copied here, checked besides those beside this host's own.</param>
    public async Task<AuditVerification> VerifyAsync(IReadOnlyList<string> otherCheckpointFiles, CancellationToken ct)
    {
        var keyring = keys.Keyring;
        var anchor = await db.AuditAnchors.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(ct);
        var start = anchor is null ? AuditChainPosition.Genesis : new AuditChainPosition(anchor.Sequence, anchor.Hash);
        if (anchor is not null && !await VouchedForAsync(anchor, ct))
            return new AuditVerification(false, 0, anchor.Sequence + 1,
                "the purge anchor is not named by an audit.archived entry in the chain: entries were removed without an archive", start.Hash, anchor.Sequence);

        var (checkpoints, skipped, forged) = ReadCheckpoints(
            checkpointLog.FilesBeside().Concat(otherCheckpointFiles.Select(Path.GetFullPath)).Distinct(), keyring);
        if (forged is not null)
            return new AuditVerification(false, 0, forged.Sequence, forged.Reason, start.Hash, anchor?.Sequence);
        var check = new AuditCheckpointCheck(checkpoints, start.Sequence);
        var result = anchor is not null && check.Check(anchor.Sequence, anchor.Hash) is { } anchorRewritten
            ? new AuditVerification(false, 0, anchorRewritten.Sequence, anchorRewritten.Reason, start.Hash)
            : await VerifyFromAsync(start, keyring, check, ct);
        return result with { AnchorSequence = anchor?.Sequence, CheckpointsChecked = check.Compared, CheckpointLinesSkipped = skipped };
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

    /// <summary>
    /// Every checkpoint must carry a MAC of the keyring: an edited one proves tampering. A line that
    /// does not parse is skipped, not alarmed: a crash can cut a line, and someone who can edit the file
    /// can delete lines anyway, which no check of the file can see.
    /// </summary>
    private static (List<AuditCheckpoint> Checkpoints, int Skipped, AuditBreak? Forged) ReadCheckpoints(IEnumerable<string> files, AuditKeyring keyring)
    {
        var checkpoints = new List<AuditCheckpoint>();
        var skipped = 0;
        foreach (var file in files)
        {
            foreach (var (line, checkpoint) in AuditCheckpointLog.Read(file))
            {
                if (checkpoint is null)
                    skipped++;
                else if (!checkpoint.IsAuthentic(keyring))
                    return ([], skipped, new AuditBreak(checkpoint.Sequence,
                        $"checkpoint file {file} line {line} (entry {checkpoint.Sequence}) has no valid MAC under this keyring: the file was altered, or its key is missing"));
                else
                    checkpoints.Add(checkpoint);
            }
        }
        return (checkpoints, skipped, null);
    }

    private async Task<AuditVerification> VerifyFromAsync(AuditChainPosition previous, AuditKeyring keyring, AuditCheckpointCheck check, CancellationToken ct)
    {
        long checkedCount = 0;
        while (true)
        {
            var after = previous.Sequence;
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
                return check.CheckEnd(previous.Sequence) is { } truncated
                    ? new AuditVerification(false, checkedCount, truncated.Sequence, truncated.Reason, previous.Hash)
                    : new AuditVerification(true, checkedCount, null, null, previous.Hash);

            var broken = AuditChain.FindFirstBreak(batch, ref previous, keyring);
            // A checkpoint mismatch before the chain break is the earlier evidence; at the same entry the chain names it exactly.
            var first = FirstRewritten(batch, broken?.Sequence ?? long.MaxValue, check) ?? broken;
            if (first is not null)
                return new AuditVerification(false, checkedCount + batch.Count(e => e.Sequence < first.Sequence),
                    first.Sequence, first.Reason, previous.Hash);
            checkedCount += batch.Count;
        }
    }

    private static AuditBreak? FirstRewritten(List<Core.Audit.AuditEntry> batch, long before, AuditCheckpointCheck check)
    {
        foreach (var e in batch.TakeWhile(e => e.Sequence < before))
            if (check.Check(e.Sequence, e.Hash) is { } rewritten)
                return rewritten;
        return null;
    }
}
