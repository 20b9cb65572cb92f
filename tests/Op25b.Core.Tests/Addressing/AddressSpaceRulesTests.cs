using System.Net;
using Op25b.Core.Addressing;

namespace Op25b.Core.Tests.Addressing;

public sealed class AddressSpaceRulesTests
{
    private static readonly PrefixRange[] Space = [PrefixRange.Of(IPNetwork.Parse("100.64.0.0/10")), PrefixRange.Of(IPNetwork.Parse("2001:db8::/32"))];

    private static string? Refusal(string prefix, AddressUse use, params PrefixRange[] space) =>
        AddressSpaceRules.Refusal(IPNetwork.Parse(prefix), use, space, AddressLimits.Defaults);

    [Theory]
    [InlineData("100.64.7.0/24", AddressUse.Exemption)]
    [InlineData("2001:db8:1200::/48", AddressUse.Exemption)]
    [InlineData("100.64.0.0/10", AddressUse.Pool)]
    [InlineData("2001:db8:1200::/56", AddressUse.Assignment)]
    [InlineData("203.0.113.25/32", AddressUse.Relay)]
    public void A_prefix_inside_the_space_and_the_limits_is_accepted(string prefix, AddressUse use) =>
        Assert.Null(Refusal(prefix, use, Space));

    [Theory]
    [InlineData("0.0.0.0/0", AddressUse.Relay, "whole address family")]
    [InlineData("::/0", AddressUse.Pool, "whole address family")]
    [InlineData("127.0.0.0/8", AddressUse.Assignment, "Loopback")]
    [InlineData("100.64.0.0/23", AddressUse.Exemption, "largest exemption allowed, /24")]
    [InlineData("2001:db8::/40", AddressUse.Exemption, "largest exemption allowed, /48")]
    [InlineData("203.0.112.0/23", AddressUse.Relay, "largest relay prefix allowed, /24")]
    [InlineData("198.51.100.0/29", AddressUse.Assignment, "outside the ISP's address space (100.64.0.0/10)")]
    [InlineData("2400:4050::/48", AddressUse.Exemption, "outside the ISP's address space (2001:db8::/32)")]
    public void A_prefix_breaking_a_rule_is_refused_saying_which(string prefix, AddressUse use, string reason) =>
        Assert.Contains(reason, Refusal(prefix, use, Space));

    [Fact]
    public void Without_registered_space_nothing_can_be_assigned_but_relays_can_be_added()
    {
        Assert.Contains("none is registered yet", Refusal("100.64.7.0/29", AddressUse.Assignment));
        Assert.Null(Refusal("203.0.113.25/32", AddressUse.Relay));
    }
}
