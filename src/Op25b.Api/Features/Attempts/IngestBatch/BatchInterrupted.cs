namespace Op25b.Api.Features.Attempts.IngestBatch;

/// <summary>
/// The database became unavailable part-way through a batch. Lines 1..<see cref="CommittedThroughLine"/>
/// are committed; the counts cover every chunk committed so far (a chunk after the first failed
/// one may have committed too — its attempts come back as duplicates when resent).
/// </summary>
public sealed class BatchInterrupted(int committedThroughLine, int accepted, int duplicates, int rejected, Exception cause)
    : Exception($"The database became unavailable after line {committedThroughLine} was committed.", cause)
{
    public int CommittedThroughLine { get; } = committedThroughLine;
    public int Accepted { get; } = accepted;
    public int Duplicates { get; } = duplicates;
    public int Rejected { get; } = rejected;
}
