using System.Net;
using Op25b.Core.RuleSets;
using Op25b.Routers.Nftables;

namespace Op25b.Api.Rollout;

/// <summary>The element sets an nftables router must show after a push of <paramref name="content"/> (names as the renderer writes them).</summary>
public static class NftablesExpectations
{
    public static NftablesExpectation For(RuleSetContent content)
    {
        IReadOnlyList<IPNetwork> Of(IEnumerable<IPNetwork> prefixes, bool v6) => RuleSetContent.OfFamily(prefixes, v6).ToList();
        var exempt = content.Exempt.Select(e => e.Prefix).ToList();
        return new NftablesExpectation(new Dictionary<string, IReadOnlyList<IPNetwork>>
        {
            ["relays_v4"] = Of(content.Relays, false),
            ["relays_v6"] = Of(content.Relays, true),
            ["exempt_v4"] = Of(exempt, false),
            ["exempt_v6"] = Of(exempt, true),
            ["pools_v4"] = Of(content.Pools, false),
            ["pools_v6"] = Of(content.Pools, true),
        });
    }
}
