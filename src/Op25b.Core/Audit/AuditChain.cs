using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Op25b.Core.Audit;

/// <summary>The hash chain over audit entries: how an entry is sealed and how a run of entries is checked.</summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// PostgreSQL keeps microseconds, .NET ticks are 100 ns: seal the stored precision, or a
    /// round trip through the database would "break" every hash.
    /// </summary>
    public static DateTimeOffset StoredPrecision(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);

    public static string ComputeHash(AuditEntry e)
    {
        // A JSON array is an unambiguous encoding of the fields: no separator can be forged.
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            e.Sequence, StoredPrecision(e.OccurredAt).UtcTicks, e.Actor, e.ActorRole, e.Action, e.EntityType,
            e.EntityId, e.Before, e.After, e.RequestId, e.Reason, e.PreviousHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Links <paramref name="entry"/> after the entry with <paramref name="previousSequence"/> and hash.</summary>
    public static void Seal(AuditEntry entry, long previousSequence, string previousHash)
    {
        entry.Sequence = previousSequence + 1;
        entry.OccurredAt = StoredPrecision(entry.OccurredAt);
        entry.PreviousHash = previousHash;
        entry.Hash = ComputeHash(entry);
    }

    /// <summary>
    /// Checks entries in sequence order, continuing from a known-good <paramref name="previous"/>
    /// (or the genesis). Returns the first broken entry, or null if all are intact.
    /// </summary>
    public static AuditBreak? FindFirstBreak(IEnumerable<AuditEntry> ordered, ref (long Sequence, string Hash) previous)
    {
        foreach (var e in ordered)
        {
            if (e.Sequence != previous.Sequence + 1)
                return new AuditBreak(e.Sequence, $"sequence jumps from {previous.Sequence} to {e.Sequence}: entries are missing");
            if (e.PreviousHash != previous.Hash)
                return new AuditBreak(e.Sequence, "previous-hash does not match the preceding entry");
            if (ComputeHash(e) != e.Hash)
                return new AuditBreak(e.Sequence, "content does not match its hash: the entry was altered");
            previous = (e.Sequence, e.Hash);
        }
        return null;
    }
}

public sealed record AuditBreak(long Sequence, string Reason);
