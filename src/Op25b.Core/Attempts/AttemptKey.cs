using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace Op25b.Core.Attempts;

/// <summary>Natural key that makes re-delivered records (TCP reconnects, a replayed file) collapse.</summary>
public static class AttemptKey
{
    /// <summary>Longer routers, protocols or event ids take the allocating path; real ones are far shorter.</summary>
    private const int StackNameChars = 128, StackTextBytes = 1024;

    /// <returns>A 64-character lowercase hex SHA-256 of the record's identifying fields.</returns>
    public static string Of(BlockedAttemptRecord record)
    {
        Span<byte> digest = stackalloc byte[32];
        Write(record, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>The key's 32 bytes into <paramref name="digest"/>, without allocating for ordinary records (ingest hashes every row).</summary>
    public static void Write(BlockedAttemptRecord record, Span<byte> digest)
    {
        ArgumentNullException.ThrowIfNull(record);
        Span<byte> text = stackalloc byte[StackTextBytes];
        if (TryWriteCanonical(record, text, out var length))
            SHA256.HashData(text[..length], digest);
        else
            SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(record)), digest);
    }

    private static bool TryWriteCanonical(BlockedAttemptRecord record, Span<byte> text, out int length)
    {
        length = 0;
        var routerText = record.RouterName.AsSpan().Trim();
        if (routerText.Length > StackNameChars || record.Protocol.Length > StackNameChars)
            return false;
        Span<char> router = stackalloc char[routerText.Length];
        routerText.ToLowerInvariant(router);
        if (record.EventId is { Length: > 0 } id)
            return Utf8.TryWrite(text, CultureInfo.InvariantCulture, $"id\n{router}\n{id}", out length);
        Span<char> protocol = stackalloc char[record.Protocol.Length];
        record.Protocol.AsSpan().ToLowerInvariant(protocol);
        // Same text as Canonical: a port-less source writes "-".
        return record.SourcePort is { } port
            ? Utf8.TryWrite(text, CultureInfo.InvariantCulture,
                $"tuple\n{router}\n{record.OccurredAt.UtcTicks / 10}\n{record.Source}\n{port}\n{record.Destination}\n{record.DestinationPort}\n{protocol}", out length)
            : Utf8.TryWrite(text, CultureInfo.InvariantCulture,
                $"tuple\n{router}\n{record.OccurredAt.UtcTicks / 10}\n{record.Source}\n-\n{record.Destination}\n{record.DestinationPort}\n{protocol}", out length);
    }

    private static string Canonical(BlockedAttemptRecord record)
    {
        // Source event ids are only unique per source, so the router stays part of the key.
        var router = record.RouterName.Trim().ToLowerInvariant();
        return record.EventId is { Length: > 0 } id
            ? $"id\n{router}\n{id}"
            : string.Join('\n',
                "tuple",
                router,
                // Microseconds: the finest resolution any supported source (ulogd usec) gives.
                (record.OccurredAt.UtcTicks / 10).ToString(CultureInfo.InvariantCulture),
                record.Source.ToString(),
                record.SourcePort?.ToString(CultureInfo.InvariantCulture) ?? "-",
                record.Destination.ToString(),
                record.DestinationPort.ToString(CultureInfo.InvariantCulture),
                record.Protocol.ToLowerInvariant());
    }
}
