using System.Net;
using Op25b.Core.Impact;

namespace Op25b.Core.Tests.Impact;

public sealed class ProbeTargetRulesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.20.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.12.1")]
    [InlineData("169.254.169.254")]
    [InlineData("fe80::1")]
    [InlineData("fd00::25")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    public void Internal_and_unroutable_addresses_are_refused_in_production(string address)
    {
        Assert.NotNull(ProbeTargetRules.Refusal(IPAddress.Parse(address), allowInternal: false));
        Assert.Null(ProbeTargetRules.Refusal(IPAddress.Parse(address), allowInternal: true));
    }

    [Theory]
    [InlineData("203.0.113.25")]
    [InlineData("8.8.8.8")]
    [InlineData("2001:db8::25")]
    public void Public_unicast_addresses_are_allowed(string address) =>
        Assert.Null(ProbeTargetRules.Refusal(IPAddress.Parse(address), allowInternal: false));

    [Theory]
    [InlineData("smtp.example.jp", true)]
    [InlineData("203.0.113.25", true)]
    [InlineData("2001:db8::25", true)]
    [InlineData("localhost", true)]
    [InlineData("smtp.example.jp:587", false)]
    [InlineData("http://smtp.example.jp", false)]
    [InlineData("user@smtp.example.jp", false)]
    [InlineData("smtp example", false)]
    [InlineData("intranet", false)]
    [InlineData("", false)]
    public void Only_bare_host_names_and_ip_literals_are_accepted(string host, bool ok) =>
        Assert.Equal(ok, ProbeTargetRules.IsHostSyntax(host));

    [Theory]
    [InlineData("::127.0.0.1", "IPv4-compatible")]
    [InlineData("::ffff:0:127.0.0.1", "IPv4-translated")]
    [InlineData("64:ff9b::7f00:1", "NAT64")]
    [InlineData("64:ff9b::a00:19", "NAT64")]
    [InlineData("2002:7f00:1::1", "6to4")]
    [InlineData("2002:c0a8:101::25", "6to4")]
    [InlineData("2001:0:7f00:1::", "Teredo server")]
    [InlineData("2001:0:cb00:7119::80ff:fefe", "Teredo client")]
    public void IPv6_forms_that_carry_an_internal_IPv4_address_are_refused_naming_the_form(string address, string form)
    {
        var refusal = ProbeTargetRules.Refusal(IPAddress.Parse(address), allowInternal: false);
        Assert.NotNull(refusal);
        Assert.Contains(form, refusal);
    }

    [Theory]
    [InlineData("fec0::1")]
    [InlineData("2002:cb00:7119::1")]
    [InlineData("2001::1")]
    [InlineData("100::1")]
    [InlineData("192.88.99.1")]
    [InlineData("198.18.0.25")]
    [InlineData("2001:2::25")]
    public void Special_purpose_addresses_are_refused_even_with_a_public_address_inside(string address) =>
        Assert.NotNull(ProbeTargetRules.Refusal(IPAddress.Parse(address), allowInternal: false));

    [Fact]
    public void A_NAT64_address_of_a_public_IPv4_address_is_allowed_as_DNS64_hands_it_out() =>
        Assert.Null(ProbeTargetRules.Refusal(IPAddress.Parse("64:ff9b::cb00:7119"), allowInternal: false));

    [Theory]
    [InlineData("010.1.1.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("127.1")]
    [InlineData("1.2.3.04")]
    [InlineData("256.1.1.1")]
    [InlineData("::ffff:010.0.0.1")]
    public void Numeric_hosts_other_than_a_plain_dotted_quad_are_refused(string host) =>
        Assert.False(ProbeTargetRules.IsHostSyntax(host));

    [Theory]
    [InlineData("1.2.3.4")]
    [InlineData("0.0.0.0")]
    [InlineData("::ffff:203.0.113.25")]
    [InlineData("mx1.0x7f.example")]
    [InlineData("1st.example.jp")]
    public void Plain_addresses_and_names_with_numeric_labels_stay_accepted(string host) =>
        Assert.True(ProbeTargetRules.IsHostSyntax(host));
}
