using System.Net;
using Op25b.Core.RuleSets;

namespace Op25b.Core.Tests.RuleSets.Rendering;

/// <summary>The two fixed contents every renderer is golden-tested with, as the compiler would hand them over (aggregated, sorted, IPv4 first).</summary>
internal static class RenderingFixtures
{
    /// <summary>A typical router group: relays, exemptions with provenance, pools; drop and log.</summary>
    public static readonly RuleSetContent Typical = new(
        "tokyo-bng",
        new BlockingPolicy(BlockAction.Drop, Logging: true, NflogGroup: 1, LogPrefix: "OP25B-DROP ", LogRatePerSecond: 50),
        Relays: [Net("203.0.113.25/32"), Net("2001:db8:ffff::25/128")],
        Exempt:
        [
            new ExemptEntry(Net("100.64.1.0/24"), [3, 7]),
            new ExemptEntry(Net("198.51.100.8/29"), [12]),
            new ExemptEntry(Net("2001:db8:100:1200::/56"), [12]),
        ],
        Pools: [Net("100.64.0.0/10"), Net("2001:db8:100::/40")]);

    /// <summary>Nothing to permit: no relays, no exemptions; reject with reset, logging off.</summary>
    public static readonly RuleSetContent Edge = new(
        "osaka-bng",
        new BlockingPolicy(BlockAction.RejectTcpReset, Logging: false),
        Relays: [],
        Exempt: [],
        Pools: [Net("100.64.0.0/10"), Net("2001:db8:100::/40")]);

    public static readonly IReadOnlyDictionary<string, RuleSetContent> Cases = new Dictionary<string, RuleSetContent>
    {
        ["typical"] = Typical,
        ["edge"] = Edge,
    };

    public static IPNetwork Net(string text) => IPNetwork.Parse(text);
}
