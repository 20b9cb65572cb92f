using System.Net;

namespace Op25b.Routers.Nftables;

/// <summary>Set arithmetic over addresses, with results as minimal sorted prefix lists.</summary>
public static class PrefixSet
{
    /// <summary>
    /// The canonical form of the addresses <paramref name="prefixes"/> cover: the fewest
    /// prefixes, IPv4 first, ascending. Two lists cover the same addresses exactly when their
    /// canonical forms are equal (so 203.0.113.0/25 + 203.0.113.128/25 equals 203.0.113.0/24).
    /// </summary>
    public static IReadOnlyList<IPNetwork> Normalize(IEnumerable<IPNetwork> prefixes) =>
        AddressInterval.ToPrefixes(AddressInterval.Merge(prefixes.Select(AddressInterval.Of)));

    /// <summary>Addresses covered by <paramref name="a"/> but not by <paramref name="b"/>, in canonical form.</summary>
    public static IReadOnlyList<IPNetwork> Except(IEnumerable<IPNetwork> a, IEnumerable<IPNetwork> b) =>
        AddressInterval.ToPrefixes(AddressInterval.Subtract(
            AddressInterval.Merge(a.Select(AddressInterval.Of)),
            AddressInterval.Merge(b.Select(AddressInterval.Of))));
}
