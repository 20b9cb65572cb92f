namespace Op25b.Core.Attempts;

/// <summary>
/// How many of a subscriber's mail servers were last tried on a UTC day: a histogram of
/// <see cref="SubscriberDestination.LastSeen"/> days. Distinct servers tried since a day's start
/// are then a sum of a handful of rows instead of a count over every server the subscriber ever
/// tried. The database keeps it equal to the subscriber-destination table (triggers on that table),
/// so every writer of that table keeps it right without knowing about it.
/// </summary>
public sealed class SubscriberLastSeenDay
{
    public long SubscriberId { get; set; }
    public DateTimeOffset Day { get; set; }
    public long Destinations { get; set; }
}
