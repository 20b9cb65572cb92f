using System.Net;
using Op25b.Core.Attempts;
using Op25b.Core.Attempts.Parsing;

namespace Op25b.Core.Tests.Attempts.Parsing;

public sealed class CiscoAclLogParserTests
{
    private readonly CiscoAclLogParser _parser = new();

    private BlockedAttemptRecord Parsed(string text)
    {
        var outcome = _parser.Parse(AttemptSamples.Message(text, host: "c7600-edge"));
        Assert.True(outcome.Succeeded, outcome.Error);
        return outcome.Record;
    }

    [Fact]
    public void An_ipv4_denied_line_becomes_a_dropped_attempt()
    {
        var r = Parsed("%SEC-6-IPACCESSLOGP: list OP25B-V4 denied tcp 198.51.100.23(51544) -> 203.0.113.9(25), 1 packet");

        Assert.Equal("c7600-edge", r.RouterName);
        Assert.Equal(AttemptSamples.At, r.OccurredAt);
        Assert.Equal(IPAddress.Parse("198.51.100.23"), r.Source);
        Assert.Equal(51544, r.SourcePort);
        Assert.Equal(IPAddress.Parse("203.0.113.9"), r.Destination);
        Assert.Equal(25, r.DestinationPort);
        Assert.Equal("tcp", r.Protocol);
        Assert.Equal(AttemptAction.Dropped, r.Action);
        Assert.Equal(1, r.Packets);
    }

    [Fact]
    public void An_aggregated_count_is_kept_as_packets()
    {
        Assert.Equal(17, Parsed("%SEC-6-IPACCESSLOGP: list OP25B-V4 denied tcp 198.51.100.23(51544) -> 203.0.113.9(25), 17 packets").Packets);
    }

    [Theory]
    [InlineData("%IPV6-6-ACCESSLOGP: list OP25B-V6 denied tcp 2001:DB8:100:1::10(51544) -> 2001:DB8:FFFF::9(25), 3 packets")]
    [InlineData("%IPV6_ACL-6-ACCESSLOGP: list OP25B-V6/20 denied tcp 2001:DB8:100:1::10(51544) -> 2001:DB8:FFFF::9(25), 3 packets")]
    public void An_ipv6_denied_line_becomes_an_attempt(string text)
    {
        var r = Parsed(text);

        Assert.Equal(IPAddress.Parse("2001:db8:100:1::10"), r.Source);
        Assert.Equal(IPAddress.Parse("2001:db8:ffff::9"), r.Destination);
        Assert.Equal(3, r.Packets);
    }

    [Fact]
    public void A_sequence_number_and_device_clock_before_the_tag_are_ignored()
    {
        var r = Parsed("000123: *Nov 28 03:10:00.123: %SEC-6-IPACCESSLOGP: list OP25B-V4 denied tcp 198.51.100.23(51544) -> 203.0.113.9(25), 1 packet");

        Assert.Equal(AttemptSamples.At, r.OccurredAt);
        Assert.Equal(51544, r.SourcePort);
    }

    [Fact]
    public void A_permitted_line_is_recorded_as_permitted()
    {
        var r = Parsed("%SEC-6-IPACCESSLOGP: list OP25B-V4 permitted tcp 198.51.100.50(40000) -> 203.0.113.9(25), 1 packet");

        Assert.Equal(AttemptAction.Permitted, r.Action);
    }

    [Theory]
    [InlineData("%SEC-6-IPACCESSLOGP: list OP25B-V4 denied tcp 198.51.100.23(51544) -> 203.0.113.9(25", "not a Cisco ACL log line")]
    [InlineData("%SEC-6-IPACCESSLOGP: list OP25B-V4 denied tcp 198.51.100.23(51544) -> 203.0.113.9(70000), 1 packet", "malformed destination port")]
    [InlineData("%SEC-6-IPACCESSLOGP: list OP25B-V4 denied tcp 198.51.100.23(51544) -> 203.0.113.9(25), 0 packets", "malformed packet count")]
    [InlineData("%SEC-6-IPACCESSLOGP: list OP25B-V4 denied tcp 198.51.100.23(51544) -> 2001:db8::9(25), 1 packet", "source and destination are of different address families")]
    [InlineData("%SEC-6-IPACCESSLOGP: list OP25B-V4 denied tcp 198.51.100.300(51544) -> 203.0.113.9(25), 1 packet", "malformed source address")]
    public void Truncated_or_impossible_lines_are_refused_with_a_reason(string text, string reason)
    {
        Assert.Equal(reason, _parser.Parse(AttemptSamples.Message(text)).Error);
    }
}
