using System.Globalization;

namespace Op25b.Core.Audit;

/// <summary>
/// The chain head as one host saw it right after an append: the entry's sequence and seal,
/// written outside the database (one line of the host's checkpoint file, and a log line) and
/// MAC'd itself, so a checkpoint cannot be made up without the key. Whatever is later done to the
/// database, entry <see cref="Sequence"/> must still exist with this <see cref="Hash"/>.
/// </summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, DateTimeOffset WrittenAt, string Host, string KeyId, string Mac)
{
    private const string Version = "op25b-audit-checkpoint/1";

    public static AuditCheckpoint Create(long sequence, string hash, DateTimeOffset writtenAt, string host, AuditKey key)
    {
        var unsealed = new AuditCheckpoint(sequence, hash, writtenAt, HostName(host), key.Id, "");
        return unsealed with { Mac = key.Mac(unsealed.Fields) };
    }

    /// <summary>Tab-separated fields; host names lose whitespace so the line stays one line of known shape.</summary>
    public string ToLine() => $"{Fields}\t{Mac}";

    public static AuditCheckpoint? Parse(string line)
    {
        var f = line.Split('\t');
        if (f.Length != 7 || f[0] != Version
            || !long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || !DateTimeOffset.TryParseExact(f[3], "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            return null;
        return new AuditCheckpoint(sequence, f[2], at, f[4], f[5], f[6]);
    }

    /// <summary>True when a key of <paramref name="keyring"/> made this checkpoint's MAC.</summary>
    public bool IsAuthentic(AuditKeyring keyring) => keyring.Find(KeyId) is { } key && key.Mac(Fields) == Mac;

    private string Fields => string.Join('\t', Version, Sequence.ToString(CultureInfo.InvariantCulture), Hash,
        WrittenAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), Host, KeyId);

    private static string HostName(string host) =>
        new(host.Select(c => char.IsWhiteSpace(c) || char.IsControl(c) ? '_' : c).ToArray());
}
