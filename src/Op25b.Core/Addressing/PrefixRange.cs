using System.Net;

namespace Op25b.Core.Addressing;

/// <summary>A prefix with its family and first/last address keys, ready for range comparisons.</summary>
public readonly record struct PrefixRange(IPNetwork Prefix, IpFamily Family, string First, string Last)
{
    public static PrefixRange Of(IPNetwork prefix)
    {
        var (first, last) = AddressKey.RangeOf(prefix);
        return new PrefixRange(prefix, AddressKey.FamilyOf(prefix.BaseAddress), first, last);
    }

    public bool Contains(PrefixRange other) =>
        Family == other.Family && string.CompareOrdinal(First, other.First) <= 0 && string.CompareOrdinal(other.Last, Last) <= 0;

    public bool Overlaps(PrefixRange other) =>
        Family == other.Family && string.CompareOrdinal(First, other.Last) <= 0 && string.CompareOrdinal(other.First, Last) <= 0;
}
