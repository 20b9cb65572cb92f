namespace Op25b.Core.RuleSets;

/// <summary>
/// A transactional outbox row: "the compiled policy may have changed, compile and reconcile".
/// Written in the same transaction as the change itself, so a process that dies right after the
/// commit cannot lose the request; a job drains these rows.
/// </summary>
public sealed class PolicyChangeRequest
{
    public long Id { get; set; }
    /// <summary>What changed, e.g. "exemption modified", for the compile's trigger text.</summary>
    public required string Reason { get; set; }
}
