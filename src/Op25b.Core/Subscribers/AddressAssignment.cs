using System.Net;
using Op25b.Core.Addressing;

namespace Op25b.Core.Subscribers;

/// <summary>
/// A static IPv4 address/prefix or a delegated IPv6 prefix held by a subscriber for a window.
/// Ending an assignment sets <see cref="ValidUntil"/>; rows are never deleted, so "who held X
/// at T" stays answerable.
/// </summary>
public sealed class AddressAssignment
{
    public long Id { get; set; }
    public long SubscriberId { get; set; }
    public IPNetwork Prefix { get; set; }
    public IpFamily Family { get; set; }
    public required string RangeFirst { get; set; }
    public required string RangeLast { get; set; }
    public DateTimeOffset ValidFrom { get; set; }
    public DateTimeOffset? ValidUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public static AddressAssignment For(IPNetwork prefix, DateTimeOffset validFrom, DateTimeOffset? validUntil, DateTimeOffset now)
    {
        var range = PrefixRange.Of(prefix);
        return new AddressAssignment
        {
            Prefix = prefix, Family = range.Family, RangeFirst = range.First, RangeLast = range.Last,
            ValidFrom = validFrom, ValidUntil = validUntil, CreatedAt = now,
        };
    }

    public PrefixRange Range => new(Prefix, Family, RangeFirst, RangeLast);

    public bool CoversWindow(DateTimeOffset from, DateTimeOffset? until) =>
        ValidFrom <= from && (ValidUntil is null || (until is not null && until <= ValidUntil));
}
