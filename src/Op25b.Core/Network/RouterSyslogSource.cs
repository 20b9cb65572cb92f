using System.Net;

namespace Op25b.Core.Network;

/// <summary>
/// An address a router sends its syslog from. Lines are attributed to a router by this address,
/// not by the hostname inside them (Cisco's default format has none, and anyone can write one);
/// an address belongs to at most one router (a unique key).
/// </summary>
public sealed class RouterSyslogSource
{
    public long Id { get; set; }
    public long RouterId { get; set; }
    /// <summary>IPv4, or IPv6 never in IPv4-mapped form (see <see cref="Normalize"/>).</summary>
    public required IPAddress Address { get; set; }

    /// <summary>A dual-stack socket reports IPv4 senders as ::ffff:a.b.c.d; they are stored and looked up as IPv4.</summary>
    public static IPAddress Normalize(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }
}
