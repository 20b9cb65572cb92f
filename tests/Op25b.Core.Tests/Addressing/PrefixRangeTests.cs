using System.Net;
using Op25b.Core.Addressing;

namespace Op25b.Core.Tests.Addressing;

public sealed class PrefixRangeTests
{
    [Theory]
    [InlineData("198.51.100.0/24", "198.51.100.0/24")]
    [InlineData("198.51.100.0/24", "198.51.100.128/25")]
    [InlineData("198.51.100.0/24", "198.51.100.255/32")]
    [InlineData("100.64.0.0/10", "100.127.255.0/24")]
    [InlineData("0.0.0.0/0", "203.0.113.0/24")]
    [InlineData("2001:db8::/32", "2001:db8:1200::/56")]
    [InlineData("2001:db8:1200::/56", "2001:db8:1200:ff::/64")]
    [InlineData("::/0", "2001:db8::/32")]
    public void Prefix_contains_itself_and_every_prefix_inside_it(string outer, string inner) =>
        Assert.True(Range(outer).Contains(Range(inner)));

    [Theory]
    [InlineData("198.51.100.128/25", "198.51.100.0/24")]
    [InlineData("198.51.100.0/24", "198.51.101.0/24")]
    [InlineData("198.51.100.0/24", "198.51.99.255/32")]
    [InlineData("100.64.0.0/10", "100.128.0.0/24")]
    [InlineData("2001:db8:1200::/56", "2001:db8:1201::/64")]
    [InlineData("2001:db8:1200::/56", "2001:db8::/32")]
    public void Prefix_does_not_contain_a_wider_or_a_neighbouring_prefix(string outer, string other) =>
        Assert.False(Range(outer).Contains(Range(other)));

    [Theory]
    [InlineData("198.51.100.0/24", "198.51.100.0/24")]
    [InlineData("198.51.100.0/24", "198.51.100.64/26")]
    [InlineData("198.51.100.0/24", "198.51.100.255/32")]
    [InlineData("2001:db8:1200::/56", "2001:db8::/32")]
    [InlineData("2001:db8:1200::/56", "2001:db8:1200:ff::/64")]
    public void Nested_or_identical_prefixes_overlap_in_both_directions(string a, string b)
    {
        Assert.True(Range(a).Overlaps(Range(b)));
        Assert.True(Range(b).Overlaps(Range(a)));
    }

    [Theory]
    [InlineData("198.51.100.0/25", "198.51.100.128/25")]
    [InlineData("198.51.100.0/24", "203.0.113.0/24")]
    [InlineData("198.51.100.255/32", "198.51.101.0/32")]
    [InlineData("2001:db8:1200::/56", "2001:db8:1200:100::/56")]
    public void Adjacent_or_distant_prefixes_do_not_overlap(string a, string b)
    {
        Assert.False(Range(a).Overlaps(Range(b)));
        Assert.False(Range(b).Overlaps(Range(a)));
    }

    [Theory]
    // ::c633:6400/120 has exactly the keys of 198.51.100.0/24, because IPv4 keys are zero-extended.
    [InlineData("198.51.100.0/24", "::c633:6400/120")]
    [InlineData("0.0.0.0/0", "::/0")]
    [InlineData("198.51.100.7/32", "::ffff:198.51.100.7/128")]
    public void Prefixes_of_different_families_never_contain_or_overlap_each_other(string v4, string v6)
    {
        var (a, b) = (Range(v4), Range(v6));
        Assert.Equal(IpFamily.V4, a.Family);
        Assert.Equal(IpFamily.V6, b.Family);
        Assert.False(a.Overlaps(b));
        Assert.False(b.Overlaps(a));
        Assert.False(a.Contains(b));
        Assert.False(b.Contains(a));
    }

    [Fact]
    public void Contains_and_overlaps_agree_with_address_arithmetic_for_random_prefixes()
    {
        var rng = new Random(4711);
        var v4 = Enumerable.Range(0, 150).Select(_ => RandomPrefix(rng, "198.51.100.0", 26, 32)).ToList();
        var v6 = Enumerable.Range(0, 150).Select(_ => RandomPrefix(rng, "2001:db8:1200::", 58, 64)).ToList();
        var (overlapping, apart) = (0, 0);

        foreach (var family in new[] { v4, v6 })
        foreach (var a in family)
        foreach (var b in family)
        {
            var expectContains = a.PrefixLength <= b.PrefixLength && a.Contains(b.BaseAddress);
            var expectOverlap = a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);
            Assert.True(expectContains == PrefixRange.Of(a).Contains(PrefixRange.Of(b)), $"{a} contains {b}: expected {expectContains}");
            Assert.True(expectOverlap == PrefixRange.Of(a).Overlaps(PrefixRange.Of(b)), $"{a} overlaps {b}: expected {expectOverlap}");
            if (expectOverlap && !a.Equals(b)) overlapping++;
            if (!expectOverlap) apart++;
        }

        // The samples must exercise both answers, or the agreement above proves little.
        Assert.True(overlapping > 1000 && apart > 1000, $"overlapping pairs {overlapping}, disjoint pairs {apart}");
    }

    [Fact]
    public void Range_carries_the_prefix_family_and_keys()
    {
        var range = Range("2001:db8:1200::/56");
        Assert.Equal(IPNetwork.Parse("2001:db8:1200::/56"), range.Prefix);
        Assert.Equal(IpFamily.V6, range.Family);
        Assert.Equal("20010db8120000000000000000000000", range.First);
        Assert.Equal("20010db8120000ffffffffffffffffff", range.Last);
    }

    private static PrefixRange Range(string prefix) => PrefixRange.Of(IPNetwork.Parse(prefix));

    private static IPNetwork RandomPrefix(Random rng, string around, int minLength, int maxLength)
    {
        var bytes = IPAddress.Parse(around).GetAddressBytes();
        var length = rng.Next(minLength, maxLength + 1);
        // Randomise the bits from minLength - 2 on, so prefixes land inside, beside and across each other.
        for (var bit = minLength - 2; bit < bytes.Length * 8; bit++)
            if (rng.Next(2) == 1)
                bytes[bit / 8] ^= (byte)(0x80 >> (bit % 8));
        for (var bit = length; bit < bytes.Length * 8; bit++)
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return new IPNetwork(new IPAddress(bytes), length);
    }
}
