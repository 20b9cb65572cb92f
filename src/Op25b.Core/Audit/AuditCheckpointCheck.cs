namespace Op25b.Core.Audit;

/// <summary>
/// Compares the chain, entry by entry in sequence order, with checkpoints written outside the
/// database. A checkpoint whose entry now carries another seal means the chain up to it was
/// rewritten by someone holding the key (without it the chain check fails first); a checkpoint
/// beyond the chain's end means its last entries were deleted.
/// </summary>
public sealed class AuditCheckpointCheck
{
    private readonly IReadOnlyList<AuditCheckpoint> _checkpoints;
    private readonly ILookup<long, AuditCheckpoint> _bySequence;
    private long _lastMatched;

    /// <param name="from">Where checking starts (the genesis or a purge anchor): checkpoints below it name archived entries.</param>
    public AuditCheckpointCheck(IReadOnlyList<AuditCheckpoint> checkpoints, long from)
    {
        _checkpoints = checkpoints;
        _bySequence = checkpoints.ToLookup(c => c.Sequence);
        _lastMatched = from;
    }

    public int Compared { get; private set; }

    /// <summary>The entry <paramref name="sequence"/> as stored now; null while it matches every checkpoint of it.</summary>
    public AuditBreak? Check(long sequence, string hash)
    {
        foreach (var c in _bySequence[sequence])
        {
            Compared++;
            if (c.Hash != hash)
                return new AuditBreak(_lastMatched + 1,
                    $"{Entries(_lastMatched + 1, sequence)} rewritten and re-sealed by someone holding the key: host {c.Host}'s checkpoint " +
                    $"written at {c.WrittenAt:O} says entry {sequence} was sealed {c.Hash}, the chain now has {hash}");
            _lastMatched = sequence;
        }
        return null;
    }

    /// <summary>After the last entry <paramref name="head"/>: a checkpoint beyond it names entries that were there and are gone.</summary>
    public AuditBreak? CheckEnd(long head)
    {
        var beyond = _checkpoints.Where(c => c.Sequence > head).MaxBy(c => c.Sequence);
        if (beyond is null)
            return null;
        Compared++;
        return new AuditBreak(head + 1,
            $"{Entries(head + 1, beyond.Sequence)} missing: the chain ends at {head} but host {beyond.Host} checkpointed entry " +
            $"{beyond.Sequence} at {beyond.WrittenAt:O}: the last entries were deleted");
    }

    private static string Entries(long first, long last) => first == last ? $"entry {first}" : $"entries {first}..{last}";
}
