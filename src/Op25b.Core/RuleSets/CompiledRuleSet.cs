namespace Op25b.Core.RuleSets;

/// <summary>
/// A compiled rule set: its content, the canonical text that is stored and hashed, the hash that
/// identifies it on every router and in audit evidence, and warnings for the operator.
/// </summary>
public sealed record CompiledRuleSet(RuleSetContent Content, string CanonicalText, string Hash, IReadOnlyList<string> Warnings);
