namespace Op25b.Core.Attempts.Chunks;

/// <summary>
/// One attempt to store, as a value in a chunk's pooled array. Its strings are shared instances
/// (interned per chunk, or constants), so a chunk of 10,000 rows is one array and a handful of
/// strings, not 10,000 objects that survive the database round trip.
/// </summary>
public struct AttemptRow
{
    public DateTime OccurredAt;
    public DateTime ReceivedAt;
    public string RouterName;
    public string Protocol;
    public string Action;
    public string Channel;
    public AttemptAddress Source;
    public AttemptAddress Destination;
    /// <summary>-1 when the source gave no port.</summary>
    public int SourcePort;
    public int DestinationPort;
    public int Packets;
    public AttemptDigest Dedup;

    public readonly int? SourcePortOrNull => SourcePort < 0 ? null : SourcePort;

    public static string ActionName(AttemptAction action) => action switch
    {
        AttemptAction.Dropped => "dropped",
        AttemptAction.Rejected => "rejected",
        AttemptAction.Permitted => "permitted",
        _ => action.ToString().ToLowerInvariant(),
    };
}
