using System.Net;
using Op25b.Core.RuleSets;

namespace Op25b.Core.Tests.RuleSets;

public sealed class PrefixAggregatorTests
{
    [Theory]
    [InlineData("198.51.100.0/25 198.51.100.128/25", "198.51.100.0/24")]
    [InlineData("198.51.100.0/24 198.51.100.64/26", "198.51.100.0/24")]
    [InlineData("198.51.100.64/26 198.51.100.0/24", "198.51.100.0/24")]
    [InlineData("0.0.0.0/1 128.0.0.0/1", "0.0.0.0/0")]
    [InlineData("::/1 8000::/1", "::/0")]
    [InlineData("100.64.1.0/24 100.64.2.0/24", "100.64.1.0/24 100.64.2.0/24")]
    [InlineData("100.64.1.0/24 100.64.2.0/24 100.64.0.0/24 100.64.3.0/24", "100.64.0.0/22")]
    [InlineData("203.0.113.9/32 203.0.113.9/32", "203.0.113.9/32")]
    [InlineData("203.0.113.1/32 203.0.113.2/32", "203.0.113.1/32 203.0.113.2/32")]
    [InlineData("203.0.113.0/32 203.0.113.1/32 203.0.113.2/32", "203.0.113.0/31 203.0.113.2/32")]
    [InlineData("198.51.100.0/25 198.51.100.128/26 198.51.100.192/27", "198.51.100.0/25 198.51.100.128/26 198.51.100.192/27")]
    [InlineData("255.255.255.254/32 255.255.255.255/32", "255.255.255.254/31")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/128 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127")]
    [InlineData("2001:db8:1200::/56 2001:db8:1200:ff::/64 2001:db8:1200:100::/56", "2001:db8:1200::/55")]
    [InlineData("2001:db8:1200:100::/56 2001:db8:1200:200::/56", "2001:db8:1200:100::/56 2001:db8:1200:200::/56")]
    public void Aggregate_returns_the_minimal_prefixes_covering_the_same_addresses(string input, string expected) =>
        Assert.Equal(Split(expected), Texts(PrefixAggregator.Aggregate(Prefixes(input))));

    [Fact]
    public void Empty_input_gives_empty_output() =>
        Assert.Empty(PrefixAggregator.Aggregate([]));

    [Fact]
    public void Ipv4_and_ipv6_everything_stay_two_entries() =>
        Assert.Equal(["0.0.0.0/0", "::/0"], Texts(PrefixAggregator.Aggregate(Prefixes("::/0 0.0.0.0/0"))));

    [Fact]
    public void An_ipv4_mapped_ipv6_prefix_is_ipv6_and_never_merges_with_the_ipv4_prefix() =>
        Assert.Equal(["198.51.100.0/24", "::ffff:198.51.100.0/120"],
            Texts(PrefixAggregator.Aggregate(Prefixes("::ffff:198.51.100.0/120 198.51.100.0/24"))));

    [Fact]
    public void Output_is_sorted_ipv4_first_then_by_first_address() =>
        Assert.Equal(
            ["100.64.0.0/10", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/48", "2001:db8:2::/48"],
            Texts(PrefixAggregator.Aggregate(Prefixes("2001:db8:2::/48 203.0.113.0/24 2001:db8::/48 100.64.0.0/10 198.51.100.0/24"))));

    [Fact]
    public void A_range_that_is_not_one_block_splits_into_the_largest_aligned_blocks() =>
        // 100.64.0.1 .. 100.64.1.254 is what remains of a /23 without its first and last address.
        Assert.Equal(
            ["100.64.0.1/32", "100.64.0.2/31", "100.64.0.4/30", "100.64.0.8/29", "100.64.0.16/28", "100.64.0.32/27",
             "100.64.0.64/26", "100.64.0.128/25", "100.64.1.0/25", "100.64.1.128/26", "100.64.1.192/27",
             "100.64.1.224/28", "100.64.1.240/29", "100.64.1.248/30", "100.64.1.252/31", "100.64.1.254/32"],
            Texts(PrefixAggregator.Aggregate(Prefixes(
                "100.64.0.1/32 100.64.0.2/31 100.64.0.4/30 100.64.0.8/29 100.64.0.16/28 100.64.0.32/27 100.64.0.64/26 " +
                "100.64.0.128/25 100.64.1.0/25 100.64.1.128/26 100.64.1.192/27 100.64.1.224/28 100.64.1.240/29 " +
                "100.64.1.248/30 100.64.1.252/31 100.64.1.254/32"))));

    [Fact]
    public void Aggregate_reads_a_lazy_sequence_once_it_is_materialised()
    {
        var reads = 0;
        IEnumerable<IPNetwork> Lazy()
        {
            reads++;
            yield return IPNetwork.Parse("198.51.100.0/25");
            yield return IPNetwork.Parse("198.51.100.128/25");
        }

        Assert.Equal(["198.51.100.0/24"], Texts(PrefixAggregator.Aggregate(Lazy())));
        Assert.Equal(1, reads);
    }

    [Fact]
    public void Aggregate_ranges_merges_overlapping_and_adjacent_prefixes_into_one_range_each()
    {
        var ranges = PrefixAggregator.AggregateRanges(Prefixes("100.64.1.0/24 100.64.2.0/24 203.0.113.0/24 ::/0"));

        Assert.Equal(
            [
                AddressRange.Of(IPNetwork.Parse("100.64.1.0/24")) with { Last = AddressRange.Of(IPNetwork.Parse("100.64.2.0/24")).Last },
                AddressRange.Of(IPNetwork.Parse("203.0.113.0/24")),
                AddressRange.Of(IPNetwork.Parse("::/0")),
            ],
            ranges);
        Assert.Equal(UInt128.MaxValue, ranges[2].Last);
    }

    [Theory]
    [InlineData("100.64.0.0", true)]
    [InlineData("100.127.255.255", true)]
    [InlineData("100.63.255.255", false)]
    [InlineData("100.128.0.0", false)]
    [InlineData("198.51.100.7", true)]
    [InlineData("198.51.101.7", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("2001:db8:1200::25", true)]
    [InlineData("2001:db8:1201::25", false)]
    [InlineData("::", false)]
    [InlineData("::ffff:198.51.100.7", false)]
    public void Contains_finds_an_address_only_inside_an_aggregated_prefix_of_its_own_family(string address, bool expected)
    {
        var aggregated = PrefixAggregator.Aggregate(Prefixes("198.51.100.0/24 100.64.0.0/10 2001:db8:1200::/56"));
        Assert.Equal(expected, PrefixAggregator.Contains(aggregated, IPAddress.Parse(address)));
    }

    [Fact]
    public void Contains_over_an_empty_list_is_false() =>
        Assert.False(PrefixAggregator.Contains([], IPAddress.Parse("198.51.100.7")));

    [Theory]
    [InlineData("198.51.100.128/25", 1)]
    [InlineData("198.51.100.0/24", 1)]
    [InlineData("100.64.7.0/24", 0)]
    [InlineData("198.51.0.0/16", -1)]
    [InlineData("203.0.113.0/24", -1)]
    [InlineData("2001:db8:1200:ff::/64", 2)]
    public void Index_of_containing_names_the_entry_that_holds_the_whole_prefix(string prefix, int expected)
    {
        var aggregated = PrefixAggregator.Aggregate(Prefixes("198.51.100.0/24 100.64.0.0/10 2001:db8:1200::/56"));
        Assert.Equal(expected, PrefixAggregator.IndexOfContaining(aggregated, IPNetwork.Parse(prefix)));
    }

    [Theory]
    [InlineData("198.51.0.0/16", true)]
    [InlineData("198.51.100.255/32", true)]
    [InlineData("198.51.101.0/24", false)]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("2001:db8::/32", true)]
    [InlineData("2001:db8:1201::/56", false)]
    [InlineData("::/0", true)]
    public void Overlaps_is_true_when_any_address_is_shared(string prefix, bool expected)
    {
        var aggregated = PrefixAggregator.Aggregate(Prefixes("198.51.100.0/24 100.64.0.0/10 2001:db8:1200::/56"));
        Assert.Equal(expected, PrefixAggregator.Overlaps(aggregated, IPNetwork.Parse(prefix)));
    }

    internal static IPNetwork[] Prefixes(string text) => [.. Split(text).Select(IPNetwork.Parse)];

    internal static string[] Texts(IEnumerable<IPNetwork> prefixes) => [.. prefixes.Select(p => p.ToString())];

    private static string[] Split(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
