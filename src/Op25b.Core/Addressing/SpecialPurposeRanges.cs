using System.Net;

namespace Op25b.Core.Addressing;

/// <summary>A block that IANA or the IETF reserved for a purpose other than numbering a subscriber's line.</summary>
public sealed record SpecialPurposeRange(IPNetwork Network, string Name, string Reference)
{
    public override string ToString() => $"{Network} ({Name}, {Reference})";
}

/// <summary>
/// Ranges that are never a subscriber assignment, pool member, exemption or relay: taken from the
/// IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890) and the IPv4 multicast and IPv6
/// address-space registries. Each one would either never be seen as the source of a TCP/25
/// connection at the ISP's edge (loopback, link-local, unspecified, multicast) or, worse, would
/// match far more than the operator meant (0.0.0.0/8, ::/96 and friends sit at the bottom of the
/// space, so a typo there exempts or relays everything below).
///
/// Deliberately NOT listed, so they stay accepted:
/// - 100.64.0.0/10, Shared Address Space (RFC 6598): ISPs number subscribers behind CGN from it,
///   which is exactly where OP25B filters (before the NAT); the lab uses it.
/// - 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, Private-Use (RFC 1918): mobile and CGN operators
///   number subscribers from it for the same reason. The ISP's registered address space decides
///   whether a given operator does.
/// - 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737), 2001:db8::/32 (RFC 3849) and
///   3fff::/20 (RFC 9637), Documentation: the README, the lab and the tests use them as the
///   "ISP's" space. No production ISP registers them as its address space, so the address-space
///   rule keeps them out of real deployments.
/// Listed although RFC 6890 does not: fc00::/7 (Unique-Local, RFC 4193). An ISP delegates global
/// unicast to its subscribers; ULA is a site's own private space and never legitimately leaves
/// the site as a source (BCP 38 filters drop it), so a ULA exemption or assignment is a mistake.
/// IPv6 outside 2000::/3 and the ranges above is "Reserved by IETF" (RFC 4291 §2.4, IANA IPv6
/// Address Space): IANA allocates unicast only from 2000::/3, so such a prefix cannot be the ISP's.
/// </summary>
public static class SpecialPurposeRanges
{
    public static IReadOnlyList<SpecialPurposeRange> All { get; } =
    [
        // IPv4 Special-Purpose Address Registry
        Range("0.0.0.0/8", "This host on this network", "RFC 1122 §3.2.1.3"),
        Range("127.0.0.0/8", "Loopback", "RFC 1122 §3.2.1.3"),
        Range("169.254.0.0/16", "Link Local", "RFC 3927"),
        Range("192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890 §2.1"),
        Range("192.31.196.0/24", "AS112-v4", "RFC 7535"),
        Range("192.52.193.0/24", "AMT", "RFC 7450"),
        Range("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", "RFC 7526"),
        Range("192.175.48.0/24", "Direct Delegation AS112 Service", "RFC 7534"),
        Range("198.18.0.0/15", "Benchmarking", "RFC 2544"),
        Range("224.0.0.0/4", "Multicast", "RFC 5771"),
        Range("240.0.0.0/4", "Reserved", "RFC 1112 §4"),
        Range("255.255.255.255/32", "Limited Broadcast", "RFC 919 §7, RFC 8190"),

        // IPv6 Special-Purpose Address Registry and IPv6 Address Space
        Range("::/128", "Unspecified Address", "RFC 4291"),
        Range("::1/128", "Loopback Address", "RFC 4291"),
        Range("::/96", "IPv4-Compatible Address (deprecated)", "RFC 4291 §2.5.5.1"),
        Range("::ffff:0:0/96", "IPv4-mapped Address", "RFC 4291"),
        Range("::/8", "Reserved by IETF", "RFC 4291"),
        Range("64:ff9b::/96", "IPv4-IPv6 Translation", "RFC 6052"),
        Range("64:ff9b:1::/48", "IPv4-IPv6 Translation (local use)", "RFC 8215"),
        Range("100::/64", "Discard-Only Address Block", "RFC 6666"),
        Range("100::/8", "Reserved by IETF", "RFC 4291"),
        Range("200::/7", "Reserved by IETF (formerly OSI NSAP-mapped)", "RFC 4048"),
        Range("400::/6", "Reserved by IETF", "RFC 4291"),
        Range("800::/5", "Reserved by IETF", "RFC 4291"),
        Range("1000::/4", "Reserved by IETF", "RFC 4291"),
        Range("2001::/23", "IETF Protocol Assignments", "RFC 2928"),
        Range("2002::/16", "6to4", "RFC 3056"),
        Range("2620:4f:8000::/48", "Direct Delegation AS112 Service", "RFC 7534"),
        Range("4000::/3", "Reserved by IETF", "RFC 4291"),
        Range("6000::/3", "Reserved by IETF", "RFC 4291"),
        Range("8000::/3", "Reserved by IETF", "RFC 4291"),
        Range("a000::/3", "Reserved by IETF", "RFC 4291"),
        Range("c000::/3", "Reserved by IETF", "RFC 4291"),
        Range("e000::/4", "Reserved by IETF", "RFC 4291"),
        Range("f000::/5", "Reserved by IETF", "RFC 4291"),
        Range("f800::/6", "Reserved by IETF", "RFC 4291"),
        Range("fc00::/7", "Unique-Local", "RFC 4193"),
        Range("fe00::/9", "Reserved by IETF", "RFC 4291"),
        Range("fe80::/10", "Link-Local Unicast", "RFC 4291"),
        Range("fec0::/10", "Site-Local (deprecated)", "RFC 3879"),
        Range("ff00::/8", "Multicast", "RFC 4291"),
    ];

    private static readonly (SpecialPurposeRange Range, PrefixRange Keys)[] Indexed =
        [.. All.Select(r => (r, PrefixRange.Of(r.Network))).OrderByDescending(e => e.r.Network.PrefixLength)];

    /// <summary>
    /// The special-purpose range the prefix touches, or null. The most specific range that
    /// contains the whole prefix is named (fe80::/64 is "Link-Local Unicast", not "Reserved by
    /// IETF"); a prefix that spans ranges (0.0.0.0/0) names the first one it overlaps.
    /// </summary>
    public static SpecialPurposeRange? Overlapping(IPNetwork prefix)
    {
        var keys = PrefixRange.Of(prefix);
        foreach (var (range, rangeKeys) in Indexed)
            if (rangeKeys.Contains(keys))
                return range;
        return All.FirstOrDefault(r => PrefixRange.Of(r.Network).Overlaps(keys));
    }

    /// <summary>The most specific special-purpose range holding the address, or null.
    /// An IPv4-mapped address is reported as such: the parser maps it to IPv4 before it gets here.</summary>
    public static SpecialPurposeRange? Containing(IPAddress address) =>
        Overlapping(new IPNetwork(address, address.GetAddressBytes().Length * 8));

    private static SpecialPurposeRange Range(string network, string name, string reference) =>
        new(IPNetwork.Parse(network), name, reference);
}
