using System.Net;
using Op25b.Core.Addressing;

namespace Op25b.Core.Tests.Addressing;

public sealed class SpecialPurposeRangesTests
{
    [Theory]
    [InlineData("127.0.0.0/8", "Loopback")]
    [InlineData("224.0.0.0/4", "Multicast")]
    [InlineData("169.254.0.0/16", "Link Local")]
    [InlineData("0.0.0.0/8", "This host on this network")]
    [InlineData("240.0.0.0/4", "Reserved")]
    [InlineData("255.255.255.255/32", "Limited Broadcast")]
    [InlineData("198.18.0.0/15", "Benchmarking")]
    [InlineData("192.0.0.0/29", "IETF Protocol Assignments")]
    [InlineData("fe80::/64", "Link-Local Unicast")]
    [InlineData("ff00::/8", "Multicast")]
    [InlineData("ff02::1/128", "Multicast")]
    [InlineData("::1/128", "Loopback Address")]
    [InlineData("::/128", "Unspecified Address")]
    [InlineData("::ffff:0:0/96", "IPv4-mapped Address")]
    [InlineData("::a00:0/104", "IPv4-Compatible Address (deprecated)")]
    [InlineData("100::/64", "Discard-Only Address Block")]
    [InlineData("2001::/32", "IETF Protocol Assignments")]
    [InlineData("2002::/16", "6to4")]
    [InlineData("fd00:1::/48", "Unique-Local")]
    [InlineData("fec0::/10", "Site-Local (deprecated)")]
    [InlineData("3000::/4", null)]
    [InlineData("4000::/16", "Reserved by IETF")]
    public void Special_purpose_prefix_is_named_by_its_most_specific_range(string prefix, string? name)
    {
        var range = SpecialPurposeRanges.Overlapping(IPNetwork.Parse(prefix));
        Assert.Equal(name, range?.Name);
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("::/0")]
    [InlineData("0.0.0.0/1")]
    [InlineData("224.0.0.0/3")]
    [InlineData("2000::/2")]
    public void Prefix_spanning_a_special_range_is_refused(string prefix) =>
        Assert.NotNull(SpecialPurposeRanges.Overlapping(IPNetwork.Parse(prefix)));

    [Theory]
    [InlineData("100.64.0.0/10")]
    [InlineData("100.64.7.0/24")]
    [InlineData("10.0.0.0/8")]
    [InlineData("192.168.1.0/24")]
    [InlineData("198.51.100.0/24")]
    [InlineData("203.0.113.0/24")]
    [InlineData("192.0.2.0/24")]
    [InlineData("2001:db8::/32")]
    [InlineData("2001:db8:1200::/56")]
    [InlineData("2400:4050::/32")]
    [InlineData("3fff::/20")]
    [InlineData("8.8.8.0/24")]
    public void Shared_private_documentation_and_global_space_is_not_special(string prefix) =>
        Assert.Null(SpecialPurposeRanges.Overlapping(IPNetwork.Parse(prefix)));

    [Theory]
    [InlineData("127.0.0.1", "Loopback")]
    [InlineData("::1", "Loopback Address")]
    [InlineData("::", "Unspecified Address")]
    [InlineData("::ffff:198.51.100.7", "IPv4-mapped Address")]
    [InlineData("169.254.169.254", "Link Local")]
    [InlineData("fe80::1", "Link-Local Unicast")]
    [InlineData("239.255.255.250", "Multicast")]
    [InlineData("198.51.100.7", null)]
    [InlineData("100.64.2.10", null)]
    [InlineData("2001:db8::25", null)]
    public void Address_is_named_by_the_range_that_holds_it(string address, string? name) =>
        Assert.Equal(name, SpecialPurposeRanges.Containing(IPAddress.Parse(address))?.Name);

    [Fact]
    public void Every_range_names_its_reference_once()
    {
        Assert.All(SpecialPurposeRanges.All, r => Assert.StartsWith("RFC ", r.Reference));
        Assert.Equal(SpecialPurposeRanges.All.Count, SpecialPurposeRanges.All.Select(r => r.Network).Distinct().Count());
    }
}
