using System.Runtime.CompilerServices;

namespace Op25b.Core.Attempts.Chunks;

/// <summary>The 32 bytes of an attempt's dedup key (<see cref="AttemptKey"/>), inline in the row rather than a 64-character string per row.</summary>
[InlineArray(32)]
public struct AttemptDigest
{
    private byte _first;

    public static AttemptDigest FromHex(string hex)
    {
        var digest = new AttemptDigest();
        Convert.FromHexString(hex, digest, out _, out _);
        return digest;
    }

    public readonly string ToHex() => Convert.ToHexStringLower(this);
}
