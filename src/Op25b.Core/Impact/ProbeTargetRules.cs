using System.Net;
using System.Net.Sockets;

namespace Op25b.Core.Impact;

/// <summary>
/// Which names and addresses the submission probe may connect to. The probe opens TCP
/// connections on the ISP's behalf to whatever a desk operator types, so without limits it is an
/// SSRF tool: it would scan the ISP's management network, routers' loopbacks or subscriber CGNAT
/// space from inside the firewall. Only public unicast addresses are allowed; loopback and private
/// space only when <c>allowInternal</c> is set, which exists for tests on loopback listeners.
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
        IPNetwork.Parse("ff00::/8"), IPNetwork.Parse("64:ff9b:1::/48"),
    ];

    /// <summary>A bare host name or IP literal: no scheme, port, path or user — the probe chooses the ports itself.</summary>
    public static bool IsHostSyntax(string? host) =>
        !string.IsNullOrEmpty(host) && host.Length <= MaxHostLength
        && Uri.CheckHostName(host.Trim('[', ']')) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6
        && (host.Contains('.') || host.Contains(':') || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase));

    /// <summary>Null when the address may be probed, else why not.</summary>
    public static string? Refusal(IPAddress address, bool allowInternal)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (allowInternal)
            return null;
        if (IPAddress.IsLoopback(address))
            return $"{address} is a loopback address.";
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            return $"{address} is not an IP address.";
        var hit = Internal.FirstOrDefault(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address));
        return hit == default ? null : $"{address} lies in {hit}, which is internal or not publicly routable.";
    }
}
