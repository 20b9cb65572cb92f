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

    /// <summary>The plain SHA-256 seal of entries written before keyed sealing; kept so they verify as they always did.</summary>
    public static string ComputeHash(AuditEntry e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(e, []))));

    /// <summary>
    /// The keyed seal. Scheme and key id are inside the MAC, so neither can be swapped to make
    /// an entry verify under another rule.
    /// </summary>
    public static string ComputeMac(AuditEntry e, AuditKey key) => key.Mac(Canonical(e, ["hmac-sha256", e.KeyId]));

    // A JSON array is an unambiguous encoding of the fields: no separator can be forged.
    private static string Canonical(AuditEntry e, object?[] prefix) => JsonSerializer.Serialize(prefix.Concat(
    [
        e.Sequence, StoredPrecision(e.OccurredAt).UtcTicks, e.Actor, e.ActorRole, e.Action, e.EntityType,
        e.EntityId, e.Before, e.After, e.RequestId, e.Reason, e.PreviousHash,
    ]).ToArray());

    /// <summary>Links <paramref name="entry"/> after the entry with <paramref name="previousSequence"/> and hash, with plain SHA-256.</summary>
    public static void Seal(AuditEntry entry, long previousSequence, string previousHash)
    {
        Link(entry, previousSequence, previousHash);
        entry.SealScheme = AuditSealScheme.Sha256;
        entry.KeyId = null;
        entry.Hash = ComputeHash(entry);
    }

    /// <summary>Links <paramref name="entry"/> after the entry with <paramref name="previousSequence"/> and hash, sealed with <paramref name="key"/>.</summary>
    public static void Seal(AuditEntry entry, long previousSequence, string previousHash, AuditKey key)
    {
        Link(entry, previousSequence, previousHash);
        entry.SealScheme = AuditSealScheme.HmacSha256;
        entry.KeyId = key.Id;
        entry.Hash = ComputeMac(entry, key);
    }

    private static void Link(AuditEntry entry, long previousSequence, string previousHash)
    {
        entry.Sequence = previousSequence + 1;
        entry.OccurredAt = StoredPrecision(entry.OccurredAt);
        entry.PreviousHash = previousHash;
    }

    /// <summary>
    /// Checks entries in sequence order, continuing from a known-good <paramref name="previous"/>
    /// (or the genesis). Returns the first broken entry, or null if all are intact.
    /// </summary>
    public static AuditBreak? FindFirstBreak(IEnumerable<AuditEntry> ordered, ref AuditChainPosition previous, AuditKeyring keyring)
    {
        foreach (var e in ordered)
        {
            if (e.Sequence != previous.Sequence + 1)
                return new AuditBreak(e.Sequence, $"sequence jumps from {previous.Sequence} to {e.Sequence}: entries are missing");
            if (e.PreviousHash != previous.Hash)
                return new AuditBreak(e.Sequence, "previous-hash does not match the preceding entry");
            if (SealProblem(e, previous.Keyed, keyring) is { } problem)
                return new AuditBreak(e.Sequence, problem);
            previous = new AuditChainPosition(e.Sequence, e.Hash, previous.Keyed || e.SealScheme == AuditSealScheme.HmacSha256);
        }
        return null;
    }

    private static string? SealProblem(AuditEntry e, bool afterKeyed, AuditKeyring keyring)
    {
        switch (e.SealScheme)
        {
            // Once the chain is keyed, a plain hash is what someone without the key would write.
            case AuditSealScheme.Sha256 when afterKeyed:
                return "sealed with plain SHA-256 after keyed entries: the entry was altered and re-sealed without the key";
            case AuditSealScheme.Sha256:
                return ComputeHash(e) == e.Hash ? null : "content does not match its hash: the entry was altered";
            case AuditSealScheme.HmacSha256:
                if (keyring.Find(e.KeyId) is not { } key)
                    return $"sealed with key {e.KeyId}, which is not in this host's audit keyring: it cannot be verified";
                return ComputeMac(e, key) == e.Hash ? null : "content does not match its MAC: the entry was altered or re-sealed without the key";
            default:
                return $"unknown seal scheme {(int)e.SealScheme}";
        }
    }
}

/// <summary>A verified point of the chain: the last good entry, and whether keyed entries were seen up to it.</summary>
public readonly record struct AuditChainPosition(long Sequence, string Hash, bool Keyed = false)
{
    public static AuditChainPosition Genesis => new(0, AuditChain.GenesisHash);
}

public sealed record AuditBreak(long Sequence, string Reason);
