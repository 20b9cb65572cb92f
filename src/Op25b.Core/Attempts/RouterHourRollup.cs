namespace Op25b.Core.Attempts;

/// <summary>Attempts per router and hour: the dashboard's hourly chart and per-router totals, a handful of rows an hour.</summary>
public sealed class RouterHourRollup
{
    public DateTimeOffset Hour { get; set; }
    public required string RouterName { get; set; }
    public long Attempts { get; set; }
    public long Packets { get; set; }
}
