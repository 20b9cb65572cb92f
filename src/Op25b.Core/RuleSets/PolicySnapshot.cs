using System.Net;

namespace Op25b.Core.RuleSets;

/// <summary>
/// Everything one router group's rule set is compiled from, as read at one moment: the prefixes
/// as stored (unaggregated, in any order, duplicates allowed) and the blocking policy.
/// </summary>
public sealed record PolicySnapshot(
    string RouterGroup,
    BlockingPolicy Policy,
    IReadOnlyList<IPNetwork> Pools,
    IReadOnlyList<IPNetwork> Relays,
    IReadOnlyList<ExemptPrefix> Exempt);

/// <summary>One prefix of an active exemption; the id travels into the compiled entry as provenance.</summary>
public readonly record struct ExemptPrefix(long ExemptionId, IPNetwork Prefix);
