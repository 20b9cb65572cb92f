using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Op25b.Core.Addressing;

namespace Op25b.Core.RuleSets;

/// <summary>
/// An inclusive range of addresses of one family as 128-bit numbers (IPv4 zero-extended within its
/// own family, so an IPv4 range never compares equal to or merges with an IPv6 one).
/// </summary>
public readonly record struct AddressRange(IpFamily Family, UInt128 First, UInt128 Last)
{
    public static AddressRange Of(IPNetwork prefix)
    {
        var address = prefix.BaseAddress;
        var family = FamilyOf(address);
        var hostBits = BitsOf(family) - prefix.PrefixLength;
        var hostMask = HostMask(hostBits);
        // IPNetwork already refuses host bits; clearing them again costs nothing and keeps this total.
        var first = NumberOf(address) & ~hostMask;
        return new AddressRange(family, first, first | hostMask);
    }

    public static AddressRange Of(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var number = NumberOf(address);
        return new AddressRange(FamilyOf(address), number, number);
    }

    public bool Contains(AddressRange other) => Family == other.Family && First <= other.First && other.Last <= Last;

    public bool Overlaps(AddressRange other) => Family == other.Family && First <= other.Last && other.First <= Last;

    public static int BitsOf(IpFamily family) => family == IpFamily.V6 ? 128 : 32;

    /// <summary>The low <paramref name="hostBits"/> bits set.</summary>
    internal static UInt128 HostMask(int hostBits) =>
        // UInt128 shifts take the count modulo 128, so "MaxValue >> 128" would be MaxValue, not zero.
        hostBits == 0 ? UInt128.Zero : UInt128.MaxValue >> (128 - hostBits);

    internal static IpFamily FamilyOf(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? IpFamily.V6 : IpFamily.V4;

    internal static UInt128 NumberOf(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    internal static IPAddress AddressOf(IpFamily family, UInt128 number)
    {
        if (family == IpFamily.V4)
            // This constructor takes the four bytes in memory order, i.e. network order read little-endian.
            return new IPAddress(BinaryPrimitives.ReverseEndianness((uint)number));
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, number);
        return new IPAddress(bytes);
    }
}
