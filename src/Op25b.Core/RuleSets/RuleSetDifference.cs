using System.Net;

namespace Op25b.Core.RuleSets;

/// <summary>
/// What changes between two rule sets of a group, prefixes compared as sets. An exempt prefix in
/// both whose exemptions changed (e.g. a new exemption for an already exempt address) is in
/// <see cref="ProvenanceChanged"/> only: the router's rules stay the same, the evidence does not.
/// </summary>
public sealed record RuleSetDifference(
    IReadOnlyList<ExemptEntry> AddedExempt,
    IReadOnlyList<ExemptEntry> RemovedExempt,
    IReadOnlyList<IPNetwork> AddedPools,
    IReadOnlyList<IPNetwork> RemovedPools,
    IReadOnlyList<IPNetwork> AddedRelays,
    IReadOnlyList<IPNetwork> RemovedRelays,
    bool PolicyChanged)
{
    /// <summary>Entries of the newer rule set whose prefix is in both but whose exemption ids differ.</summary>
    public IReadOnlyList<ExemptEntry> ProvenanceChanged { get; init; } = [];

    /// <summary>Whether the rendered router rules differ (provenance alone does not change them).</summary>
    public bool ChangesRules =>
        PolicyChanged || AddedExempt.Count + RemovedExempt.Count + AddedPools.Count + RemovedPools.Count
        + AddedRelays.Count + RemovedRelays.Count > 0;

    /// <summary>Nothing differs, not even provenance: both versions have the same hash.</summary>
    public bool IsEmpty => !ChangesRules && ProvenanceChanged.Count == 0;
}
