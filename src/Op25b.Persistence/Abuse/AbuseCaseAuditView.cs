using Op25b.Core.Abuse;

namespace Op25b.Persistence.Abuse;

/// <summary>What the audit trail keeps of a case before and after a change: its state and why it exists, not its whole history.</summary>
public sealed record AbuseCaseAuditView(long Id, long SubscriberId, AbuseCaseState State, AbuseCaseTrigger Trigger, string Reason,
    long? TriggerAttempts, int? TriggerDestinations, int Version)
{
    public static AbuseCaseAuditView Of(AbuseCase c) =>
        new(c.Id, c.SubscriberId, c.State, c.Trigger, c.Reason, c.TriggerAttempts, c.TriggerDestinations, c.Version);
}
