using System.Net;
using System.Net.Sockets;

namespace Op25b.Core.Addressing;

/// <summary>
/// A fixed-width, order-preserving text key for an address: 32 lowercase hex digits of the
/// 128-bit value (IPv4 is zero-extended). Stored beside every prefix so that "does this
/// prefix contain address X" and "do these prefixes overlap" are plain range comparisons
/// that both SQLite and PostgreSQL can index and evaluate, with no provider-specific types.
/// </summary>
public static class AddressKey
{
    public const int Length = 32;

    public static string Of(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        Span<byte> wide = stackalloc byte[16];
        bytes.CopyTo(wide[(16 - bytes.Length)..]);
        return Convert.ToHexStringLower(wide);
    }

    public static IpFamily FamilyOf(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? IpFamily.V6 : IpFamily.V4;

    /// <summary>First and last address of a prefix as keys.</summary>
    public static (string First, string Last) RangeOf(IPNetwork prefix)
    {
        var first = prefix.BaseAddress.GetAddressBytes();
        var last = (byte[])first.Clone();
        var hostBits = first.Length * 8 - prefix.PrefixLength;
        for (var bit = 0; bit < hostBits; bit++)
        {
            var index = last.Length - 1 - bit / 8;
            last[index] |= (byte)(1 << (bit % 8));
        }
        return (Of(new IPAddress(first)), Of(new IPAddress(last)));
    }
}
