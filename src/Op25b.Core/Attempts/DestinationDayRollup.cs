namespace Op25b.Core.Attempts;

/// <summary>Attempts per destination and UTC day: the dashboard's top mail servers without summing every hour's per-subscriber rows.</summary>
public sealed class DestinationDayRollup
{
    public DateTimeOffset Day { get; set; }
    public required string DestinationIp { get; set; }
    public long Attempts { get; set; }
    public long Packets { get; set; }
}
