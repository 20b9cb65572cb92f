using System.Net;
using Op25b.Routers.Nftables;

namespace Op25b.Routers.Tests.Nftables;

/// <summary>
/// Against output captured from nft 1.0.6 (Debian 12): TestData/mixed-elements.json is
/// `nft -j list table inet op25b` after loading TestData/mixed-elements.nft.
/// </summary>
public sealed class NftablesJsonParserTests
{
    private static string Data(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Nftables", "TestData", name));

    private static IReadOnlyList<IPNetwork> Prefixes(params string[] prefixes) => prefixes.Select(IPNetwork.Parse).ToList();

    private static readonly NftablesState Mixed = NftablesJsonParser.Parse(Data("mixed-elements.json"));

    [Fact]
    public void The_table_its_chain_and_all_six_sets_are_found()
    {
        Assert.True(Mixed.TableExists);
        Assert.True(Mixed.HasChain("op25b_forward"));
        Assert.Equal(["exempt_v4", "exempt_v6", "pools_v4", "pools_v6", "relays_v4", "relays_v6"], Mixed.Sets.Keys.Order());
    }

    [Fact]
    public void A_range_made_by_auto_merge_becomes_the_hosts_it_covers()
    {
        // Loaded as 203.0.113.25, 203.0.113.26; nft lists {"range": ["203.0.113.25", "203.0.113.26"]}.
        Assert.Equal(Prefixes("203.0.113.25/32", "203.0.113.26/32"), Mixed.Sets["relays_v4"]);
    }

    [Fact]
    public void Plain_addresses_prefixes_and_commented_ranges_become_minimal_prefixes()
    {
        // Loaded: 100.64.2.10, 100.64.3.0/24 (comment), 100.64.4.0-100.64.4.9, 100.64.5.0/25, 100.64.5.128/25.
        Assert.Equal(
            Prefixes("100.64.2.10/32", "100.64.3.0/24", "100.64.4.0/29", "100.64.4.8/31", "100.64.5.0/24"),
            Mixed.Sets["exempt_v4"]);
    }

    [Fact]
    public void IPv6_hosts_and_ranges_become_minimal_prefixes()
    {
        Assert.Equal(Prefixes("2001:db8:100:2::10/128", "2001:db8:100:3::/64", "2001:db8:100:4::/120"), Mixed.Sets["exempt_v6"]);
        Assert.Equal(Prefixes("2001:db8:ffff::25/128"), Mixed.Sets["relays_v6"]);
    }

    [Fact]
    public void A_zero_length_prefix_swallows_everything_else_in_its_set()
    {
        Assert.Equal(Prefixes("0.0.0.0/0"), Mixed.Sets["pools_v4"]);
    }

    [Fact]
    public void A_set_without_elements_is_present_and_empty()
    {
        Assert.Empty(Mixed.Sets["pools_v6"]);
    }

    [Fact]
    public void A_table_without_sets_or_chains_exists_but_has_neither()
    {
        var state = NftablesJsonParser.Parse(Data("table-without-sets.json"));

        Assert.True(state.TableExists);
        Assert.False(state.HasChain("op25b_forward"));
        Assert.Empty(state.Sets);
    }

    [Fact]
    public void Output_without_the_table_is_absent()
    {
        var state = NftablesJsonParser.Parse("""{"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}}]}""");

        Assert.True(state.IsAbsent);
    }

    [Fact]
    public void Nfts_missing_table_error_is_recognised()
    {
        Assert.True(NftablesJsonParser.IsNoSuchTable(Data("absent-table.stderr.txt")));
        Assert.False(NftablesJsonParser.IsNoSuchTable("Error: Could not process rule: Operation not permitted"));
    }

    [Theory]
    [InlineData("""{"range": ["100.64.0.9", "100.64.0.1"]}""", "ends before it starts")]
    [InlineData("""{"range": ["100.64.0.1", "2001:db8::1"]}""", "mixes address families")]
    [InlineData("\"mail.example.net\"", "unsupported set element")]
    [InlineData("""{"prefix": {"addr": "100.64.0.1", "len": 24}}""", "host bits set")]
    [InlineData("""{"concat": ["100.64.0.1", 25]}""", "unsupported set element")]
    public void An_element_that_is_not_an_address_prefix_or_range_is_refused(string element, string message)
    {
        var json = $$$"""{"nftables": [{"table": {"family": "inet", "name": "op25b", "handle": 1}}, {"set": {"family": "inet", "name": "pools_v4", "table": "op25b", "type": "ipv4_addr", "handle": 2, "flags": ["interval"], "elem": [{{{element}}}]}}]}""";

        var error = Assert.Throws<FormatException>(() => NftablesJsonParser.Parse(json));

        Assert.Contains("set pools_v4", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Another_table_of_the_same_name_in_another_family_is_not_ours()
    {
        var state = NftablesJsonParser.Parse("""{"nftables": [{"table": {"family": "ip", "name": "op25b", "handle": 1}}, {"set": {"family": "ip", "name": "pools_v4", "table": "op25b", "type": "ipv4_addr", "handle": 2, "elem": ["100.64.0.1"]}}]}""");

        Assert.True(state.IsAbsent);
    }

    [Fact]
    public void A_set_named_after_a_version_is_the_marker_and_the_single_set_of_older_pushes_still_reads()
    {
        static NftablesState Table(string set) => NftablesJsonParser.Parse(
            $$$"""{"nftables": [{"table": {"family": "inet", "name": "op25b", "handle": 1}}, {{{set}}}]}""");

        var named = Table("""{"set": {"family": "inet", "name": "op25b_v4711", "table": "op25b", "type": "mark", "handle": 2}}""");
        var legacy = Table("""{"set": {"family": "inet", "name": "op25b_version", "table": "op25b", "type": "mark", "handle": 2, "elem": [4711]}}""");

        Assert.Equal([4711L], named.Markers);
        Assert.Empty(named.Sets);
        Assert.Equal([4711L], legacy.Markers);
        Assert.Null(NftablesState.MarkerOf("op25b_v"));
        Assert.Null(NftablesState.MarkerOf("op25b_v-1"));
        Assert.Equal("op25b_v4711", NftablesState.MarkerSet(4711));
    }
}
