namespace Op25b.Persistence.Audit;

/// <summary>
/// Bound from <c>Audit</c>: where the sealing keys and this host's checkpoints live. Both stay
/// outside the database on purpose: someone who can write the database must not also hold the key
/// nor be able to rewrite the record of how far the chain reached.
/// </summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Every host's checkpoint file is named so; <c>*</c> is its <see cref="HostId"/>.</summary>
    public const string CheckpointFilePattern = "audit-checkpoints.*.log";

    /// <summary>The keyring file, created (0600) on first run; default <c>audit.key</c> in <c>Database:DataDirectory</c>.</summary>
    public string? KeyFile { get; set; }

    /// <summary>
    /// A sealing key given as a secret (base64, at least 16 bytes) instead of a key file — for hosts
    /// that share one PostgreSQL and get their secrets injected. Keys it replaced go in <see cref="PreviousKeys"/>.
    /// </summary>
    public string? Key { get; set; }

    public List<string> PreviousKeys { get; set; } = [];

    /// <summary>This host's append-only checkpoint file; default <c>audit-checkpoints.&lt;HostId&gt;.log</c> beside the key file.</summary>
    public string? CheckpointFile { get; set; }

    /// <summary>Names this host in its checkpoints and their file; default the machine name.</summary>
    public string HostId { get; set; } = Environment.MachineName;

    public bool KeyFromConfiguration => !string.IsNullOrWhiteSpace(Key);

    /// <summary>Fills the default paths from the data directory, once, at start-up.</summary>
    public AuditOptions WithDefaultsUnder(string dataDirectory)
    {
        KeyFile = Path.GetFullPath(KeyFile ?? Path.Combine(dataDirectory, "audit.key"));
        CheckpointFile = Path.GetFullPath(CheckpointFile ?? Path.Combine(Path.GetDirectoryName(KeyFile)!, CheckpointFilePattern.Replace("*", FileNamePart(HostId))));
        return this;
    }

    private static string FileNamePart(string hostId) =>
        string.Concat(hostId.Select(c => Path.GetInvalidFileNameChars().Contains(c) || char.IsWhiteSpace(c) ? '_' : c));
}
