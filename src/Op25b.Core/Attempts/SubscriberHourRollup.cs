namespace Op25b.Core.Attempts;

/// <summary>
/// Attempts per subscriber and hour, with the exact first and last attempt in it: the coarse
/// rollup that "top offenders over seven days" reads, where the per-destination rollup would
/// mean aggregating millions of rows. Unattributed attempts count under subscriber 0.
/// </summary>
public sealed class SubscriberHourRollup
{
    public DateTimeOffset Hour { get; set; }
    public long SubscriberId { get; set; }
    public long Attempts { get; set; }
    public long Packets { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
}
