using System.Net;

namespace Op25b.Core.Addressing;

/// <summary>
/// A block of the ISP's own address space (an RIR allocation, or the CGN range it numbers
/// subscribers from). Assignments, pools and exemptions must lie inside one of these: an address
/// outside is not the ISP's to block or exempt, and usually a typo.
/// </summary>
public sealed class IspPrefix
{
    public long Id { get; set; }
    public IPNetwork Prefix { get; set; }
    public IpFamily Family { get; set; }
    public required string RangeFirst { get; set; }
    public required string RangeLast { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public static IspPrefix For(IPNetwork prefix, string? description, DateTimeOffset now)
    {
        var range = PrefixRange.Of(prefix);
        return new IspPrefix
        {
            Prefix = prefix, Family = range.Family, RangeFirst = range.First, RangeLast = range.Last, Description = description, CreatedAt = now,
        };
    }

    public PrefixRange Range => new(Prefix, Family, RangeFirst, RangeLast);
}
