using Op25b.Core.RuleSets;

namespace Op25b.Core.Network;

/// <summary>
/// A router that enforces OP25B for one router group. The SSH host key is pinned at
/// registration (no trust-on-first-use); the credential is a reference — a key file path or a
/// secret name resolved on the host — never the secret itself.
/// </summary>
public sealed class Router
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public Platform Platform { get; set; }
    public required string RouterGroup { get; set; }
    public required string ManagementHost { get; set; }
    public int ManagementPort { get; set; } = 22;
    public required string SshUser { get; set; }
    public required string CredentialRef { get; set; }
    /// <summary>SHA-256 of the SSH host key, base64 without padding (as `ssh-keygen -lf` prints after "SHA256:").</summary>
    public required string HostKeySha256 { get; set; }
    /// <summary>Hardware entries the device can hold for this policy; null = not limited.</summary>
    public int? AceBudget { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    /// <summary>The rule set version the router enforces, set when a deployment succeeds (or an export is confirmed).</summary>
    public long? LiveRuleSetVersionId { get; set; }
    public string? LiveHash { get; set; }
    public DateTimeOffset? LiveSince { get; set; }
    /// <summary>
    /// What the router runs is not known: a push was interrupted or lost its connection after the
    /// apply, or a read-back found something else. The reconciler then deploys (reading first)
    /// even when <see cref="LiveHash"/> equals the desired version.
    /// </summary>
    public bool StateUnknown { get; set; }

    /// <summary>
    /// The IANA zone the router writes local times in (Cisco "clock timezone", a Linux host's TZ);
    /// null means UTC. Lines whose timestamp has no offset are read in it.
    /// </summary>
    public string? LogTimeZone { get; set; }
    /// <summary>The addresses its syslog arrives from; lines from any other address are refused.</summary>
    public List<RouterSyslogSource> SyslogSources { get; set; } = [];

    public DateTimeOffset? DriftCheckedAt { get; set; }
    public bool DriftDetected { get; set; }
    public string? DriftDetail { get; set; }
}
