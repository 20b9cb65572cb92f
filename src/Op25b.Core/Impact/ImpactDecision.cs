namespace Op25b.Core.Impact;

/// <summary>The verdict with its reason and the remedies (empty when not affected), most recommended first.</summary>
public sealed record ImpactDecision(ImpactVerdict Verdict, ImpactReason Reason, IReadOnlyList<Remedy> Remedies);
