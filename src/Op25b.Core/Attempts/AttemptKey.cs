using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Op25b.Core.Attempts;

/// <summary>Natural key that makes re-delivered records (TCP reconnects, a replayed file) collapse.</summary>
public static class AttemptKey
{
    /// <returns>A 64-character lowercase hex SHA-256 of the record's identifying fields.</returns>
    public static string Of(BlockedAttemptRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        // Source event ids are only unique per source, so the router stays part of the key.
        var router = record.RouterName.Trim().ToLowerInvariant();
        var canonical = record.EventId is { Length: > 0 } id
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
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
