using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Op25b.Core.Attempts.Chunks;

/// <summary>
/// An address as a value (128 bits and the family), so a chunk of attempts holds no
/// <see cref="IPAddress"/> objects: they would outlive the database round trip and pile up in
/// the oldest generation. The text forms are made when the row is written, and die young.
/// </summary>
public readonly struct AttemptAddress
{
    private readonly UInt128 _value;
    private readonly bool _v6;

    private AttemptAddress(UInt128 value, bool v6)
    {
        _value = value;
        _v6 = v6;
    }

    public static AttemptAddress Of(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        var v6 = written == 16;
        return new AttemptAddress(v6 ? BinaryPrimitives.ReadUInt128BigEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes), v6);
    }

    public AddressFamily Family => _v6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;

    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, _value);
        return new IPAddress(_v6 ? bytes : bytes[12..]);
    }

    /// <summary>The same text as <see cref="Addressing.AddressKey.Of"/>: 32 hex digits, IPv4 zero-extended.</summary>
    public string Key()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, _value);
        return Convert.ToHexStringLower(bytes);
    }

    public override string ToString() => ToIPAddress().ToString();
}
