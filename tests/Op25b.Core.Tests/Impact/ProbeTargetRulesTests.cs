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
}
