namespace Op25b.Core.Attempts;

/// <summary>
/// Attempts per hour, subscriber, router and destination, maintained as attempts arrive so the
/// console and summaries never scan raw attempts. Unattributed attempts count under subscriber 0
/// until attribution moves them.
/// </summary>
public sealed class AttemptRollup
{
    public const long Unattributed = 0;

    public DateTimeOffset Hour { get; set; }
    public long SubscriberId { get; set; }
    public required string RouterName { get; set; }
    public required string DestinationIp { get; set; }
    public long Attempts { get; set; }
    public long Packets { get; set; }
}
