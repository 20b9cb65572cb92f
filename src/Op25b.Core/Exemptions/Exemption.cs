using System.Linq.Expressions;
using Op25b.Core.Subscribers;

namespace Op25b.Core.Exemptions;

/// <summary>
/// Permission for one subscriber's addresses to reach TCP/25 anywhere. Nothing is deleted:
/// every decision keeps its timestamp, so the set in force at any past moment can be
/// reconstructed from the row alone (see <see cref="InForceAt"/>).
/// </summary>
public sealed class Exemption
{
    public long Id { get; set; }
    public long SubscriberId { get; set; }
    public Subscriber? Subscriber { get; set; }
    public ExemptionStatus Status { get; set; }
    public required string Justification { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    /// <summary>Client-chosen key that makes a retried request return the first result.</summary>
    public string? IdempotencyKey { get; set; }
    /// <summary>SHA-256 of the request that carried <see cref="IdempotencyKey"/>: the same key with another body is refused.</summary>
    public string? IdempotencyFingerprint { get; set; }
    public string? EligibilityOverrideReason { get; set; }
    public DateTimeOffset ValidFrom { get; set; }
    public DateTimeOffset? ValidUntil { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }
    public string? RevokedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevocationReason { get; set; }
    public int Version { get; set; }
    public List<ExemptionPrefix> Prefixes { get; set; } = [];

    /// <summary>Was this exemption letting traffic through at <paramref name="at"/>? Translatable to SQL.</summary>
    public static Expression<Func<Exemption, bool>> InForceAt(DateTimeOffset at) => e =>
        e.DecidedAt != null && e.DecidedAt <= at
        && e.Status != ExemptionStatus.Rejected && e.Status != ExemptionStatus.Requested
        && e.ValidFrom <= at
        && (e.ValidUntil == null || e.ValidUntil > at)
        && (e.RevokedAt == null || e.RevokedAt > at);

    /// <summary>Statuses that still claim their prefixes (an overlapping request must wait for them).</summary>
    public static readonly ExemptionStatus[] Claiming = [ExemptionStatus.Requested, ExemptionStatus.Approved, ExemptionStatus.Active];

    public void Approve(string approver, string? reason, DateTimeOffset now)
    {
        RequireStatus(ExemptionStatus.Requested, "approve");
        // Four-eyes: the person who asked for an exemption must not be the one who grants it.
        if (string.Equals(approver, RequestedBy, StringComparison.OrdinalIgnoreCase))
            throw new DomainRuleViolation(ViolationKind.Forbidden, "approver",
                $"Four-eyes rule: '{approver}' requested this exemption and cannot approve it.");
        if (ValidUntil is { } until && until <= now)
            throw new DomainRuleViolation(ViolationKind.Conflict, "validUntil",
                $"The requested window ended at {until:O}; reject it and request a new one.");

        Status = ExemptionStatus.Approved;
        DecidedBy = approver;
        DecidedAt = now;
        DecisionReason = reason;
        Advance(now);
    }

    public void Reject(string decider, string reason, DateTimeOffset now)
    {
        RequireStatus(ExemptionStatus.Requested, "reject");
        Status = ExemptionStatus.Rejected;
        DecidedBy = decider;
        DecidedAt = now;
        DecisionReason = reason;
    }

    public void Revoke(string actor, string reason, DateTimeOffset now)
    {
        if (Status is not (ExemptionStatus.Approved or ExemptionStatus.Active))
            throw new DomainRuleViolation(ViolationKind.Conflict, "status",
                $"Only an approved or active exemption can be revoked; this one is {Status.ToString().ToLowerInvariant()}.");
        Status = ExemptionStatus.Revoked;
        RevokedBy = actor;
        RevokedAt = now;
        RevocationReason = reason;
    }

    /// <summary>
    /// The subscriber no longer holds the address (or the line closed): a request still waiting is
    /// rejected, a granted exemption revoked, both at once and with the reason on the record.
    /// </summary>
    public void EndWithAddress(string actor, string reason, DateTimeOffset now)
    {
        if (Status == ExemptionStatus.Requested)
            Reject(actor, reason, now);
        else
            Revoke(actor, reason, now);
    }

    /// <summary>The subscriber holds the address until <paramref name="until"/>: the exemption ends then too.</summary>
    public void EndAt(DateTimeOffset until)
    {
        if (ValidUntil is null || until < ValidUntil)
            ValidUntil = until;
    }

    /// <summary>Moves the status along its validity window. Returns true when it changed.</summary>
    public bool Advance(DateTimeOffset now)
    {
        var before = Status;
        if (Status == ExemptionStatus.Approved && ValidFrom <= now)
            Status = ExemptionStatus.Active;
        if (Status is ExemptionStatus.Approved or ExemptionStatus.Active && ValidUntil is { } until && until <= now)
            Status = ExemptionStatus.Expired;
        return Status != before;
    }

    private void RequireStatus(ExemptionStatus expected, string verb)
    {
        if (Status != expected)
            throw new DomainRuleViolation(ViolationKind.Conflict, "status",
                $"Cannot {verb}: the request was already decided ({Status.ToString().ToLowerInvariant()} by {DecidedBy ?? "the system"}).");
    }
}
