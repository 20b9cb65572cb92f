namespace Op25b.Core.Attempts;

/// <summary>
/// Attempts per subscriber and UTC day with the exact first and last attempt: what "top offenders
/// over seven days" sums — seven rows per subscriber instead of 168 hourly ones.
/// </summary>
public sealed class SubscriberDayRollup
{
    public DateTimeOffset Day { get; set; }
    public long SubscriberId { get; set; }
    public long Attempts { get; set; }
    public long Packets { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
}
