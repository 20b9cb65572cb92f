using Op25b.Core.Attempts;
using Op25b.Core.Attempts.Parsing;

namespace Op25b.Core.Tests.Attempts.Parsing;

public sealed class SyslogAttemptParserTests
{
    private readonly SyslogAttemptParser _parser = new();

    private BlockedAttemptRecord Parsed(string line)
    {
        var outcome = _parser.Parse(line, AttemptSamples.Clock(AttemptSamples.Tokyo));
        Assert.True(outcome.Succeeded, outcome.Error);
        return outcome.Record;
    }

    [Fact]
    public void A_linux_rfc3164_line_is_parsed_end_to_end()
    {
        var r = Parsed("<4>Nov 28 12:10:00 bras-tokyo-1 kernel: [12345.678901] OP25B-DROP IN=eth1 OUT=eth0 SRC=198.51.100.23 DST=203.0.113.9 LEN=60 PROTO=TCP SPT=51544 DPT=25 SYN");

        Assert.Equal("bras-tokyo-1", r.RouterName);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 10, 0, TimeSpan.Zero), r.OccurredAt);
        Assert.Equal(51544, r.SourcePort);
    }

    [Fact]
    public void A_cisco_line_with_sequence_number_is_parsed_end_to_end()
    {
        var r = Parsed("<190>Nov 28 12:10:00 c7600-edge 000123: *Nov 28 03:10:00.123: %SEC-6-IPACCESSLOGP: list OP25B-V4 denied tcp 198.51.100.23(51544) -> 203.0.113.9(25), 5 packets");

        Assert.Equal("c7600-edge", r.RouterName);
        Assert.Equal(5, r.Packets);
    }

    [Fact]
    public void A_junos_rfc5424_line_is_parsed_end_to_end()
    {
        var r = Parsed("<28>1 2026-11-28T03:10:00.5Z mx204-kanda PFE_FW_SYSLOG_IP - - - PFE_FW_SYSLOG_IP: FW: ge-1/0/10.0 D tcp 198.51.100.23 203.0.113.9 51544 25 (1 packets)");

        Assert.Equal("mx204-kanda", r.RouterName);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 10, 0, 500, TimeSpan.Zero), r.OccurredAt);
        Assert.Equal(AttemptAction.Dropped, r.Action);
    }

    [Fact]
    public void A_junos_rfc3164_line_with_the_tag_as_app_name_is_parsed_end_to_end()
    {
        var r = Parsed("<28>Nov 28 12:10:00 mx204-kanda PFE_FW_SYSLOG_IP: FW: ge-1/0/10.0 D tcp 198.51.100.23 203.0.113.9 51544 25 (1 packets)");

        Assert.Equal(25, r.DestinationPort);
    }

    [Theory]
    [InlineData("<4>Nov 28 12:10:00 r1 sshd[812]: Accepted publickey for ops")]
    [InlineData("<187>123: *Nov 28 03:10:00.123: %LINK-3-UPDOWN: Interface GigabitEthernet0/0/1, changed state to down")]
    public void Lines_of_no_supported_format_are_unrecognised(string line)
    {
        Assert.Equal("unrecognised format", _parser.Parse(line, AttemptSamples.Clock()).Error);
    }

    [Fact]
    public void A_damaged_vendor_line_gets_the_vendor_reason()
    {
        var outcome = _parser.Parse("<190>Nov 28 12:10:00 c7600-edge %SEC-6-IPACCESSLOGP: list OP25B-V4 denied tcp 198.51.100.23(51544) -> 203.0.113.9(70000), 1 packet", AttemptSamples.Clock());

        Assert.Equal("malformed destination port", outcome.Error);
    }

    [Fact]
    public void A_damaged_linux_line_gets_the_linux_reason()
    {
        var outcome = _parser.Parse("<4>Nov 28 12:10:00 r1 kernel: OP25B-DROP IN=eth1 OUT=eth0 SRC=198.51.100.23 DST=", AttemptSamples.Clock());

        Assert.Equal("missing or malformed DST", outcome.Error);
    }

    [Fact]
    public void Header_errors_are_passed_through()
    {
        Assert.Equal("line too long", _parser.Parse(new string('a', 9000), AttemptSamples.Clock()).Error);
    }

    [Fact]
    public void A_junos_eth_ip_line_without_a_count_is_one_packet()
    {
        var r = Parsed("<28>1 2026-11-28T03:10:00.5Z mx204-kanda PFE_FW_SYSLOG_ETH_IP - - - PFE_FW_SYSLOG_ETH_IP: FW: irb.100 D 0800 00:1f:12:37:b4:c8 -> 00:19:e2:50:95:a0 tcp 198.51.100.23 203.0.113.9 51544 25");

        Assert.Equal(1, r.Packets);
        Assert.Equal(25, r.DestinationPort);
        Assert.Null(r.ListName);
    }
}
