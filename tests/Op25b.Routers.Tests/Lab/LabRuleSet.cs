using System.Net;
using System.Net.Sockets;
using System.Text;
using Op25b.Routers.Nftables;

using Op25b.Lab;

namespace Op25b.Routers.Tests.Lab;

/// <summary>
/// Hand-written OP25B rule sets for the lab, in the production shape: the full-replace idiom
/// (empty add, delete, full definition in one file = one transaction), six interval sets, and
/// the forward chain: relays, then exemptions, then the pool deny with a TCP reset.
/// </summary>
internal sealed record LabRuleSet(
    IReadOnlyList<IPNetwork> Relays,
    IReadOnlyList<IPNetwork> Exempt,
    IReadOnlyList<IPNetwork> Pools)
{
    public static readonly string[] SetNames = ["relays_v4", "relays_v6", "exempt_v4", "exempt_v6", "pools_v4", "pools_v6"];

    /// <summary>Relays 203.0.113.25 and 2001:db8:ffff::25; s2 exempt; every subscriber address in the pools.</summary>
    public static LabRuleSet Standard => new(
        Prefixes("203.0.113.25/32", "2001:db8:ffff::25/128"),
        Prefixes("100.64.2.10/32", "2001:db8:100:2::10/128"),
        Prefixes("100.64.0.0/10", "2001:db8:100::/48"));

    public static IReadOnlyList<IPNetwork> Prefixes(params string[] prefixes) => prefixes.Select(IPNetwork.Parse).ToList();

    public IReadOnlyDictionary<string, IReadOnlyList<IPNetwork>> Sets => new Dictionary<string, IReadOnlyList<IPNetwork>>
    {
        ["relays_v4"] = Family(Relays, v6: false),
        ["relays_v6"] = Family(Relays, v6: true),
        ["exempt_v4"] = Family(Exempt, v6: false),
        ["exempt_v6"] = Family(Exempt, v6: true),
        ["pools_v4"] = Family(Pools, v6: false),
        ["pools_v6"] = Family(Pools, v6: true),
    };

    public NftablesExpectation Expectation => new(Sets);

    public string Render()
    {
        var text = new StringBuilder();
        text.Append("table inet op25b\n");
        text.Append("delete table inet op25b\n");
        text.Append("table inet op25b {\n");
        foreach (var (name, prefixes) in Sets)
        {
            var type = name.EndsWith("_v6", StringComparison.Ordinal) ? "ipv6_addr" : "ipv4_addr";
            var elements = prefixes.Count == 0 ? "" : $" elements = {{ {string.Join(", ", prefixes.Select(Element))} }}";
            text.Append($"  set {name} {{ type {type}; flags interval; auto-merge;{elements} }}\n");
        }
        text.Append("""
              chain op25b_forward {
                type filter hook forward priority filter; policy accept;
                tcp dport 25 ip daddr @relays_v4 accept
                tcp dport 25 ip6 daddr @relays_v6 accept
                tcp dport 25 ip saddr @exempt_v4 accept
                tcp dport 25 ip6 saddr @exempt_v6 accept
                tcp dport 25 ip saddr @pools_v4 reject with tcp reset
                tcp dport 25 ip6 saddr @pools_v6 reject with tcp reset
              }
            }

            """);
        return text.ToString();
    }

    private static IReadOnlyList<IPNetwork> Family(IEnumerable<IPNetwork> prefixes, bool v6) =>
        prefixes.Where(p => (p.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6) == v6).ToList();

    // A single host is written as a plain address, as an operator would.
    private static string Element(IPNetwork prefix) =>
        prefix.PrefixLength == prefix.BaseAddress.GetAddressBytes().Length * 8 ? prefix.BaseAddress.ToString() : prefix.ToString();
}
