using System.Net;
using Op25b.Core.Addressing;

namespace Op25b.Core.Exemptions;

/// <summary>One prefix an exemption lets reach TCP/25 anywhere.</summary>
public sealed class ExemptionPrefix
{
    public long Id { get; set; }
    public long ExemptionId { get; set; }
    public IPNetwork Prefix { get; set; }
    public IpFamily Family { get; set; }
    public required string RangeFirst { get; set; }
    public required string RangeLast { get; set; }

    public static ExemptionPrefix For(PrefixRange range) => new()
    {
        Prefix = range.Prefix, Family = range.Family, RangeFirst = range.First, RangeLast = range.Last,
    };

    public PrefixRange Range => new(Prefix, Family, RangeFirst, RangeLast);
}
