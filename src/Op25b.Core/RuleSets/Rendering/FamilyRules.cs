using System.Net;
using System.Net.Sockets;

namespace Op25b.Core.RuleSets.Rendering;

/// <summary>
/// One address family's share of a rule set. Every platform renders IPv4 and IPv6 as two
/// separate lists or filters, so renderers walk this pair rather than re-filtering the content.
/// </summary>
internal sealed record FamilyRules(
    bool IsV6,
    IReadOnlyList<IPNetwork> Relays,
    IReadOnlyList<ExemptEntry> Exempt,
    IReadOnlyList<IPNetwork> Pools)
{
    /// <summary>IPv4 first, then IPv6, in the order the compiler sorted them.</summary>
    public static IReadOnlyList<FamilyRules> Of(RuleSetContent content) => [Build(content, v6: false), Build(content, v6: true)];

    /// <summary>"V4" or "V6", the suffix of the group and ACL names on the vendor platforms.</summary>
    public string Suffix => IsV6 ? "V6" : "V4";

    /// <summary>The ACL / filter name every vendor platform renders for this family.</summary>
    public string ListName => RenderedNames.List(IsV6);

    private static FamilyRules Build(RuleSetContent content, bool v6) => new(
        v6,
        [.. RuleSetContent.OfFamily(content.Relays, v6)],
        [.. content.Exempt.Where(e => IsV6Prefix(e.Prefix) == v6)],
        [.. RuleSetContent.OfFamily(content.Pools, v6)]);

    private static bool IsV6Prefix(IPNetwork prefix) => prefix.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;
}
