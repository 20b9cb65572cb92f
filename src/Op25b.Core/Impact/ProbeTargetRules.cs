using System.Net;
using System.Net.Sockets;
using Op25b.Core.Addressing;

namespace Op25b.Core.Impact;

/// <summary>
/// Which names and addresses the submission probe may connect to. The probe opens TCP
/// connections on the ISP's behalf to whatever a desk operator types, so without limits it is an
/// SSRF tool: it would scan the ISP's management network, routers' loopbacks or subscriber CGNAT
/// space from inside the firewall. Only public unicast addresses are allowed; loopback and private
/// space only when <c>allowInternal</c> is set, which exists for tests on loopback listeners.
/// An IPv6 address that carries an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) is
/// judged by the address inside as well; every special-purpose range (IANA registries, via
/// <see cref="SpecialPurposeRanges"/>) is refused on top of the private and shared space below.
/// </summary>
public static class ProbeTargetRules
{
    public const int MaxHostLength = 253;

    private static readonly IPNetwork[] Internal =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("ff00::/8"), IPNetwork.Parse("64:ff9b:1::/48"), IPNetwork.Parse("fec0::/10"),
    ];

    /// <summary>
    /// A bare host name or IP literal: no scheme, port, path or user — the probe chooses the ports
    /// itself. A name made only of numbers must be a plain dotted quad: <c>010.1.1.1</c> (octal
    /// to one parser, decimal to another), <c>0x7f.1</c> or <c>127.1</c> are refused, so the address
    /// checked is the address the operator meant.
    /// </summary>
    public static bool IsHostSyntax(string? host) =>
        !string.IsNullOrEmpty(host) && host.Length <= MaxHostLength
        && Uri.CheckHostName(host.Trim('[', ']')) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6
        && (host.Contains('.') || host.Contains(':') || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        && (!LooksNumeric(host) || IsDottedQuad(host))
        && (!host.Contains(':') || !host.Contains('.') || IsDottedQuad(host[(host.LastIndexOf(':') + 1)..].TrimEnd(']')));

    /// <summary>Null when the address may be probed, else why not.</summary>
    public static string? Refusal(IPAddress address, bool allowInternal)
    {
        if (allowInternal)
            return null;
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            return $"{address} is not an IP address.";
        if (IPAddress.IsLoopback(address))
            return $"{address} is a loopback address.";
        // ::ffff:a.b.c.d is how a dual-stack socket names an IPv4 peer: judged as that IPv4 address.
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        foreach (var (v4, form) in EmbeddedIPv4.Of(address))
            if (RefusalOfUnicast(v4) is { } why)
                return $"{address} carries {v4} ({form}): {why}";
        // A DNS64 resolver hands out 64:ff9b::/96 for IPv4-only names on an IPv6-only host; with a
        // public address inside, that is an ordinary public target reached through NAT64.
        if (Nat64WellKnown.Contains(address))
            return null;
        return RefusalOfUnicast(address);
    }

    private static readonly IPNetwork Nat64WellKnown = IPNetwork.Parse("64:ff9b::/96");

    private static string? RefusalOfUnicast(IPAddress address)
    {
        if (IPAddress.IsLoopback(address))
            return $"{address} is a loopback address.";
        if (SpecialPurposeRanges.Containing(address) is { } special)
            return $"{address} lies in {special.Network}, {special.Name} ({special.Reference}), which is not a public unicast address.";
        var hit = Internal.FirstOrDefault(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address));
        return hit == default ? null : $"{address} lies in {hit}, which is internal or not publicly routable.";
    }

    private static bool LooksNumeric(string host) =>
        !host.Contains(':') && host.Split('.').All(label => label.Length > 0 && (label.All(char.IsAsciiDigit)
            || (label.Length > 2 && label[0] == '0' && label[1] is 'x' or 'X' && label[2..].All(char.IsAsciiHexDigit))));

    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit) && (p.Length == 1 || p[0] != '0') && int.Parse(p) <= 255);
    }
}
