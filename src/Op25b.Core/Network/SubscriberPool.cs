using System.Net;
using Op25b.Core.Addressing;

namespace Op25b.Core.Network;

/// <summary>A dynamic subscriber range of a router group, where outbound port 25 is blocked.</summary>
public sealed class SubscriberPool
{
    public long Id { get; set; }
    public required string RouterGroup { get; set; }
    public IPNetwork Prefix { get; set; }
    public IpFamily Family { get; set; }
    public required string RangeFirst { get; set; }
    public required string RangeLast { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
