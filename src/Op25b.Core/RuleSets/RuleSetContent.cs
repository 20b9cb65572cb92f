using System.Net;

namespace Op25b.Core.RuleSets;

/// <summary>An exempt prefix after aggregation, with the exemptions that produced it (provenance).</summary>
public sealed record ExemptEntry(IPNetwork Prefix, IReadOnlyList<long> ExemptionIds);

/// <summary>
/// The compiled policy for one router group, the same shape on every platform (each family):
/// 1. permit tcp/25 to relays, 2. permit tcp/25 from exempt prefixes, 3. deny (and log)
/// tcp/25 from pools, 4. permit everything else. Lists are aggregated and sorted (IPv4 first,
/// then by address), so equal policies have equal content and equal hashes.
/// </summary>
public sealed record RuleSetContent(
    string RouterGroup,
    BlockingPolicy Policy,
    IReadOnlyList<IPNetwork> Relays,
    IReadOnlyList<ExemptEntry> Exempt,
    IReadOnlyList<IPNetwork> Pools)
{
    public static IEnumerable<IPNetwork> OfFamily(IEnumerable<IPNetwork> prefixes, bool v6) =>
        prefixes.Where(p => (p.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6) == v6);
}
