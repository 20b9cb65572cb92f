using System.Buffers.Binary;
using System.Net;
using Op25b.Core.Addressing;

namespace Op25b.Core.Tests.Addressing;

public sealed class AddressKeyTests
{
    [Theory]
    [InlineData("198.51.100.7", "000000000000000000000000c6336407")]
    [InlineData("0.0.0.0", "00000000000000000000000000000000")]
    [InlineData("255.255.255.255", "000000000000000000000000ffffffff")]
    [InlineData("2001:db8::25", "20010db8000000000000000000000025")]
    [InlineData("2001:DB8:1200::", "20010db8120000000000000000000000")]
    public void Key_is_32_lowercase_hex_digits_of_the_zero_extended_address(string address, string key)
    {
        var actual = AddressKey.Of(IPAddress.Parse(address));
        Assert.Equal(AddressKey.Length, actual.Length);
        Assert.Equal(key, actual);
    }

    [Theory]
    [InlineData("198.51.100.7", IpFamily.V4)]
    [InlineData("2001:db8::25", IpFamily.V6)]
    [InlineData("::ffff:198.51.100.7", IpFamily.V6)]
    public void Family_follows_the_address(string address, IpFamily family) =>
        Assert.Equal(family, AddressKey.FamilyOf(IPAddress.Parse(address)));

    [Fact]
    public void Ipv4_keys_sort_in_the_same_order_as_the_addresses()
    {
        var rng = new Random(25);
        var baseBytes = IPAddress.Parse("198.51.100.0").GetAddressBytes();
        var samples = Enumerable.Range(0, 300).Select(_ => RandomAddress(rng, baseBytes)).ToList();

        AssertKeyOrderMatchesNumericOrder(samples, a => BinaryPrimitives.ReadUInt32BigEndian(a.GetAddressBytes()));
    }

    [Fact]
    public void Ipv6_keys_sort_in_the_same_order_as_the_addresses()
    {
        var rng = new Random(2504);
        var baseBytes = IPAddress.Parse("2001:db8:1200::").GetAddressBytes();
        var samples = Enumerable.Range(0, 300).Select(_ => RandomAddress(rng, baseBytes)).ToList();

        AssertKeyOrderMatchesNumericOrder(samples, a => BinaryPrimitives.ReadUInt128BigEndian(a.GetAddressBytes()));
    }

    [Theory]
    [InlineData("0.0.0.0/0", "00000000000000000000000000000000", "000000000000000000000000ffffffff")]
    [InlineData("100.64.0.0/10", "00000000000000000000000064400000", "000000000000000000000000647fffff")]
    [InlineData("198.51.100.0/24", "000000000000000000000000c6336400", "000000000000000000000000c63364ff")]
    [InlineData("203.0.113.128/25", "000000000000000000000000cb007180", "000000000000000000000000cb0071ff")]
    [InlineData("203.0.113.9/32", "000000000000000000000000cb007109", "000000000000000000000000cb007109")]
    [InlineData("::/0", "00000000000000000000000000000000", "ffffffffffffffffffffffffffffffff")]
    [InlineData("2001:db8::/32", "20010db8000000000000000000000000", "20010db8ffffffffffffffffffffffff")]
    [InlineData("2001:db8:1200::/56", "20010db8120000000000000000000000", "20010db8120000ffffffffffffffffff")]
    [InlineData("2001:db8:1200:1::/64", "20010db8120000010000000000000000", "20010db812000001ffffffffffffffff")]
    [InlineData("2001:db8::25/128", "20010db8000000000000000000000025", "20010db8000000000000000000000025")]
    public void Range_spans_the_first_to_the_last_address_of_the_prefix(string prefix, string first, string last)
    {
        var range = AddressKey.RangeOf(IPNetwork.Parse(prefix));
        Assert.Equal(first, range.First);
        Assert.Equal(last, range.Last);
    }

    [Fact]
    public void Every_address_inside_a_prefix_has_a_key_within_its_range_and_no_neighbour_does()
    {
        var prefix = IPNetwork.Parse("198.51.100.64/27");
        var (first, last) = AddressKey.RangeOf(prefix);

        for (var host = 0; host < 256; host++)
        {
            var address = new IPAddress([198, 51, 100, (byte)host]);
            var key = AddressKey.Of(address);
            var inRange = string.CompareOrdinal(first, key) <= 0 && string.CompareOrdinal(key, last) <= 0;
            Assert.True(prefix.Contains(address) == inRange, $"{address}: contained={prefix.Contains(address)}, key in range={inRange}");
        }
    }

    private static IPAddress RandomAddress(Random rng, byte[] baseBytes)
    {
        // Share a random number of leading bytes with a base address so that orderings decided
        // by the low bytes are exercised too, not only those decided by the first byte.
        var bytes = new byte[baseBytes.Length];
        rng.NextBytes(bytes);
        baseBytes.AsSpan(0, rng.Next(baseBytes.Length)).CopyTo(bytes);
        return new IPAddress(bytes);
    }

    private static void AssertKeyOrderMatchesNumericOrder<T>(List<IPAddress> samples, Func<IPAddress, T> numeric)
        where T : IComparable<T>
    {
        foreach (var a in samples)
        foreach (var b in samples)
        {
            var byKey = Math.Sign(string.CompareOrdinal(AddressKey.Of(a), AddressKey.Of(b)));
            var byValue = Math.Sign(numeric(a).CompareTo(numeric(b)));
            Assert.True(byKey == byValue, $"{a} vs {b}: key order {byKey}, numeric order {byValue}");
        }
    }
}
