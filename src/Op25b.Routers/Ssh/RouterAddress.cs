using System.Net;
using System.Net.Sockets;

namespace Op25b.Routers.Ssh;

/// <summary>Turns <see cref="RouterEndpoint.Host"/> into the host text handed to SSH.NET.</summary>
internal static class RouterAddress
{
    /// <summary>
    /// SSH.NET resolves its host string with <c>Dns.GetHostAddresses</c>, which returns a literal
    /// address as parsed by <c>IPAddress.TryParse</c>; on Linux that parser turns a zone given
    /// as an interface name ("fe80::2%op25mab12") into the interface index (ScopeId), so a
    /// scoped link-local address works as it is. But an unknown interface name silently becomes
    /// scope 0 and the connect then fails with a bare "Invalid argument". So parse it here,
    /// refuse a link-local address without a usable zone with a message that says so, and hand
    /// SSH.NET the numeric form ("fe80::2%18"), which it parses unambiguously.
    /// </summary>
    public static string ForSshNet(string host)
    {
        if (!IPAddress.TryParse(host, out var address))
            return host;
        if (address.AddressFamily == AddressFamily.InterNetworkV6
            && (address.IsIPv6LinkLocal || address.IsIPv6Multicast)
            && address.ScopeId == 0)
            throw new RouterConnectionException(
                $"'{host}' is a link-local address without a known interface: write it as fe80::…%<interface> with an interface that exists on this machine.");
        return address.ToString();
    }
}
