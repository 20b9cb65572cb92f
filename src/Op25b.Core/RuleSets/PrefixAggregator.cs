using System.Net;

namespace Op25b.Core.RuleSets;

/// <summary>
/// Reduces prefixes to the minimal set of prefixes covering exactly the same addresses
/// (e.g. two adjacent /25 become one /24; a prefix inside another disappears). IPv4 and IPv6
/// are aggregated separately. Output is sorted: IPv4 first, then by first address.
/// </summary>
public static class PrefixAggregator
{
    public static IReadOnlyList<IPNetwork> Aggregate(IEnumerable<IPNetwork> prefixes) =>
        throw new NotImplementedException();
}
