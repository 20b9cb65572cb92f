using System.Net;
using System.Net.Sockets;

namespace Op25b.Core.Impact;

/// <summary>
/// The IPv4 address an IPv6 address carries in one of the transition forms, for the probe's
/// target check: a stack, a NAT64 gateway or a 6to4/Teredo relay may deliver <c>::127.0.0.1</c>,
/// <c>64:ff9b::7f00:1</c> or <c>2002:7f00:1::1</c> to the IPv4 address inside.
/// </summary>
public static class EmbeddedIPv4
{
    private static readonly IPNetwork Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork Mapped = IPNetwork.Parse("::ffff:0:0/96");
    private static readonly IPNetwork Translated = IPNetwork.Parse("::ffff:0:0:0/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork Teredo = IPNetwork.Parse("2001::/32");

    /// <summary>Each embedded IPv4 address with the name of the form (Teredo carries two: its server and the client).</summary>
    public static IEnumerable<(IPAddress Address, string Form)> Of(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            yield break;
        var bytes = address.GetAddressBytes();
        if (Compatible.Contains(address))
            yield return (new IPAddress(bytes[12..16]), "IPv4-compatible, RFC 4291");
        else if (Mapped.Contains(address))
            yield return (new IPAddress(bytes[12..16]), "IPv4-mapped, RFC 4291");
        else if (Translated.Contains(address))
            yield return (new IPAddress(bytes[12..16]), "IPv4-translated, RFC 6145");
        else if (Nat64.Contains(address))
            yield return (new IPAddress(bytes[12..16]), "NAT64, RFC 6052");
        else if (SixToFour.Contains(address))
            yield return (new IPAddress(bytes[2..6]), "6to4, RFC 3056");
        else if (Teredo.Contains(address))
        {
            yield return (new IPAddress(bytes[4..8]), "Teredo server, RFC 4380");
            // The client's address is stored inverted, so that NATs rewriting payloads leave it alone.
            yield return (new IPAddress(bytes[12..16].Select(b => (byte)~b).ToArray()), "Teredo client, RFC 4380");
        }
    }
}
