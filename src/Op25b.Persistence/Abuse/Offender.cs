using Op25b.Core.Abuse;

namespace Op25b.Persistence.Abuse;

/// <summary>A subscriber the offender rules flag now, with the figures, the reason in words and their unresolved case if any.</summary>
public sealed record Offender(long SubscriberId, string ExternalId, string DisplayName, OffenderFinding Finding, string Reason, long? OpenCaseId);
