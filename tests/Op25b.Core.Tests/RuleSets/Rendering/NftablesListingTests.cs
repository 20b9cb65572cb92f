using System.Net;
using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;

namespace Op25b.Core.Tests.RuleSets.Rendering;

/// <summary>nft 1.0.6's listing rules as seen on the lab router (the lab test compares whole listings byte for byte).</summary>
public sealed class NftablesListingTests
{
    private static readonly RuleSetContent Content = new(
        "g", BlockingPolicy.Default with { Logging = false }, [IPNetwork.Parse("203.0.113.25/32")],
        [
            new ExemptEntry(IPNetwork.Parse("100.64.4.0/24"), [8]), new ExemptEntry(IPNetwork.Parse("100.64.2.10/32"), [3, 1]),
            new ExemptEntry(IPNetwork.Parse("100.64.3.0/24"), [7]),
            new ExemptEntry(IPNetwork.Parse("2001:db8:100:3::10/128"), [5]), new ExemptEntry(IPNetwork.Parse("2001:db8:100:2::/64"), [2]),
        ],
        [IPNetwork.Parse("100.64.0.0/10")]);

    [Fact]
    public void Elements_are_sorted_hosts_bare_two_IPv4_or_one_IPv6_per_line_and_the_marker_set_named_after_the_version()
    {
        var text = NftablesListing.Text(Content, 4_711);

        Assert.Contains("""
            		elements = { 100.64.2.10 comment "exemptions 1, 3", 100.64.3.0/24 comment "exemption 7",
            			     100.64.4.0/24 comment "exemption 8" }
            """.ReplaceLineEndings("\n"), text);
        Assert.Contains("""
            		elements = { 2001:db8:100:2::/64 comment "exemption 2",
            			     2001:db8:100:3::10 comment "exemption 5" }
            """.ReplaceLineEndings("\n"), text);
        Assert.Contains("\tset op25b_v4711 {\n\t\ttype mark\n\t}\n\n\tchain op25b_forward {", text);
        // An empty set has no elements line; sets are separated by a blank line.
        Assert.Contains("\tset relays_v6 {\n\t\ttype ipv6_addr\n\t\tflags interval\n\t}\n\n", text);
        Assert.EndsWith("\t\ttcp dport 25 ip6 saddr @pools_v6 drop\n\t}\n}\n", text);
    }

    [Fact]
    public void The_digest_is_the_lower_case_hex_SHA_256_that_sha256sum_prints_and_follows_the_version()
    {
        var digest = NftablesListing.Digest(Content, 1);

        Assert.Matches("^[0-9a-f]{64}$", digest);
        Assert.NotEqual(digest, NftablesListing.Digest(Content, 2));
    }
}
