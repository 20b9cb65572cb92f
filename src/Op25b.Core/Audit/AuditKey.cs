using System.Security.Cryptography;
using System.Text;

namespace Op25b.Core.Audit;

/// <summary>
/// One audit sealing key. Its id is derived from the secret (a MAC of a fixed label), so a key
/// names itself wherever it is configured and the id reveals nothing about the secret.
/// </summary>
public sealed class AuditKey
{
    /// <summary>Shorter keys than this make the MAC guessable offline.</summary>
    public const int MinimumBytes = 16;

    private static readonly byte[] IdLabel = Encoding.ASCII.GetBytes("op25b audit key id");

    private AuditKey(string id, byte[] secret) => (Id, Secret) = (id, secret);

    public string Id { get; }
    public byte[] Secret { get; }

    public static AuditKey FromSecret(byte[] secret)
    {
        if (secret.Length < MinimumBytes)
            throw new ArgumentException($"An audit key needs at least {MinimumBytes} bytes; this one has {secret.Length}.", nameof(secret));
        return new AuditKey(Convert.ToHexStringLower(HMACSHA256.HashData(secret, IdLabel))[..16], secret);
    }

    public static AuditKey Generate() => FromSecret(RandomNumberGenerator.GetBytes(32));

    public string Mac(string canonical) => Convert.ToHexStringLower(HMACSHA256.HashData(Secret, Encoding.UTF8.GetBytes(canonical)));
}

/// <summary>Every key that ever sealed entries, oldest first: the newest seals, all of them verify.</summary>
public sealed class AuditKeyring(IReadOnlyList<AuditKey> keys)
{
    public static readonly AuditKeyring Empty = new([]);

    public IReadOnlyList<AuditKey> Keys { get; } = keys;

    public AuditKey Current => Keys.Count > 0 ? Keys[^1] : throw new InvalidOperationException("The audit keyring holds no key.");

    public AuditKey? Find(string? id) => Keys.FirstOrDefault(k => k.Id == id);
}
