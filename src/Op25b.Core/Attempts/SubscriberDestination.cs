namespace Op25b.Core.Attempts;

/// <summary>
/// Every mail server a subscriber tried, with when it was first and last tried. Distinct
/// destinations in a window ending now are the rows last seen inside it — a few hundred rows
/// per offender instead of a count over every hour's rollup.
/// </summary>
public sealed class SubscriberDestination
{
    public long SubscriberId { get; set; }
    public required string DestinationIp { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public long Attempts { get; set; }
}
