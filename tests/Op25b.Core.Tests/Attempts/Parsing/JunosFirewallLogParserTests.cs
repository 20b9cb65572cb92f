using System.Net;
using Op25b.Core.Attempts;
using Op25b.Core.Attempts.Parsing;

namespace Op25b.Core.Tests.Attempts.Parsing;

public sealed class JunosFirewallLogParserTests
{
    private readonly JunosFirewallLogParser _parser = new();

    private BlockedAttemptRecord Parsed(SyslogMessage message)
    {
        var outcome = _parser.Parse(message);
        Assert.True(outcome.Succeeded, outcome.Error);
        return outcome.Record;
    }

    [Fact]
    public void An_ipv4_discard_line_becomes_a_dropped_attempt()
    {
        var r = Parsed(AttemptSamples.Message("PFE_FW_SYSLOG_IP: FW: ge-1/0/10.0 D tcp 198.51.100.23 203.0.113.9 51544 25 (1 packets)", host: "mx204-kanda"));

        Assert.Equal("mx204-kanda", r.RouterName);
        Assert.Equal(IPAddress.Parse("198.51.100.23"), r.Source);
        Assert.Equal(51544, r.SourcePort);
        Assert.Equal(IPAddress.Parse("203.0.113.9"), r.Destination);
        Assert.Equal(25, r.DestinationPort);
        Assert.Equal("tcp", r.Protocol);
        Assert.Equal(AttemptAction.Dropped, r.Action);
        Assert.Equal(1, r.Packets);
    }

    [Fact]
    public void The_tag_may_arrive_as_the_syslog_app_name()
    {
        var r = Parsed(AttemptSamples.Message("FW: ge-1/0/10.0 R tcp 198.51.100.23 203.0.113.9 51544 25 (4 packets)", app: "PFE_FW_SYSLOG_IP"));

        Assert.Equal(AttemptAction.Rejected, r.Action);
        Assert.Equal(4, r.Packets);
    }

    [Fact]
    public void An_fpc_prefix_before_the_tag_is_ignored()
    {
        var r = Parsed(AttemptSamples.Message("fpc0 PFE_FW_SYSLOG_IP: FW: ge-1/0/10.0 A tcp 198.51.100.50 203.0.113.9 40000 25 (1 packets)"));

        Assert.Equal(AttemptAction.Permitted, r.Action);
    }

    [Theory]
    [InlineData("PFE_FW_SYSLOG_IP6_GEN: FW: ge-1/0/10.0 D tcp 2001:db8:100:1::10 2001:db8:ffff::9 51544 25 (2 packets)")]
    [InlineData("PFE_FW_SYSLOG_IP6_TCP_UDP: FW: ge-1/0/10.0 D tcp SA 2001:db8:100:1::10 DA 2001:db8:ffff::9 SP 51544 DP 25 (2 packets)")]
    public void An_ipv6_line_in_either_layout_becomes_an_attempt(string text)
    {
        var r = Parsed(AttemptSamples.Message(text));

        Assert.Equal(IPAddress.Parse("2001:db8:100:1::10"), r.Source);
        Assert.Equal(IPAddress.Parse("2001:db8:ffff::9"), r.Destination);
        Assert.Equal(51544, r.SourcePort);
        Assert.Equal(25, r.DestinationPort);
        Assert.Equal(2, r.Packets);
    }

    [Theory]
    [InlineData("PFE_FW_SYSLOG_IP: FW: ge-1/0/10.0 D tcp 198.51.100.23 203.0.113.9", "truncated Junos firewall log line")]
    [InlineData("PFE_FW_SYSLOG_IP: FW: ge-1/0/10.0 X tcp 198.51.100.23 203.0.113.9 51544 25 (1 packets)", "unknown Junos action 'X'")]
    [InlineData("PFE_FW_SYSLOG_IP: FW: ge-1/0/10.0 D tcp 198.51.100.23 203.0.113.9 51544 70000 (1 packets)", "malformed destination port")]
    [InlineData("PFE_FW_SYSLOG_IP: FW: ge-1/0/10.0 D tcp 198.51.100.23 203.0.113.9 51544 25 (x packets)", "malformed packet count")]
    [InlineData("PFE_FW_SYSLOG_IP6_TCP_UDP: FW: ge-1/0/10.0 D tcp SA 2001:db8::1 XX 2001:db8::9 SP 1 DP 25 (1 packets)", "truncated Junos firewall log line")]
    public void Truncated_or_impossible_lines_are_refused_with_a_reason(string text, string reason)
    {
        Assert.Equal(reason, _parser.Parse(AttemptSamples.Message(text)).Error);
    }
}
