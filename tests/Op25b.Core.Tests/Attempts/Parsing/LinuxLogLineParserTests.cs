using System.Net;
using Op25b.Core.Attempts;
using Op25b.Core.Attempts.Parsing;

namespace Op25b.Core.Tests.Attempts.Parsing;

public sealed class LinuxLogLineParserTests
{
    private const string V4Line =
        "OP25B-DROP IN=eth1 OUT=eth0 MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=198.51.100.23 " +
        "DST=203.0.113.9 LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=1 DF PROTO=TCP SPT=51544 DPT=25 " +
        "WINDOW=64240 RES=0x00 SYN URGP=0 ";

    private const string V6Line =
        "OP25B-DROP IN=eth1 OUT=eth0 MAC= SRC=2001:db8:100:1::10 DST=2001:db8:ffff::9 LEN=80 TC=0 " +
        "HOPLIMIT=63 FLOWLBL=0 PROTO=TCP SPT=40022 DPT=25 WINDOW=64800 RES=0x00 SYN URGP=0";

    private readonly LinuxLogLineParser _parser = new();

    private BlockedAttemptRecord Parsed(string text, string? app = null)
    {
        var outcome = _parser.Parse(AttemptSamples.Message(text, app: app));
        Assert.True(outcome.Succeeded, outcome.Error);
        return outcome.Record;
    }

    [Fact]
    public void An_ipv4_kernel_line_becomes_a_dropped_attempt()
    {
        var r = Parsed(V4Line);

        Assert.Equal(AttemptSamples.At, r.OccurredAt);
        Assert.Equal("bras-tokyo-1", r.RouterName);
        Assert.Equal(IPAddress.Parse("198.51.100.23"), r.Source);
        Assert.Equal(51544, r.SourcePort);
        Assert.Equal(IPAddress.Parse("203.0.113.9"), r.Destination);
        Assert.Equal(25, r.DestinationPort);
        Assert.Equal("tcp", r.Protocol);
        Assert.Equal(AttemptAction.Dropped, r.Action);
        Assert.Equal(1, r.Packets);
        Assert.Null(r.EventId);
    }

    [Fact]
    public void An_ipv6_kernel_line_becomes_an_attempt()
    {
        var r = Parsed(V6Line);

        Assert.Equal(IPAddress.Parse("2001:db8:100:1::10"), r.Source);
        Assert.Equal(IPAddress.Parse("2001:db8:ffff::9"), r.Destination);
        Assert.Equal(40022, r.SourcePort);
        Assert.Equal(25, r.DestinationPort);
    }

    [Theory]
    [InlineData("[12345.678901] ")]
    [InlineData("kernel: [12345.678901] ")]
    [InlineData("kernel: ")]
    public void Kernel_tag_and_uptime_stamp_before_the_prefix_are_ignored(string lead)
    {
        Assert.Equal(25, Parsed(lead + V4Line).DestinationPort);
    }

    [Fact]
    public void A_kernel_line_of_another_chain_is_read_with_its_prefix_as_the_list()
    {
        var outcome = _parser.Parse(AttemptSamples.Message("kernel: [1.5] " + V4Line.Replace("OP25B-DROP", "UFW BLOCK")));

        Assert.Equal("UFW BLOCK", outcome.Record!.ListName);
    }

    [Fact]
    public void The_kernels_full_ipv6_spelling_reads_as_the_same_address()
    {
        var full = V6Line.Replace("SRC=2001:db8:100:1::10", "SRC=2001:0db8:0100:0001:0000:0000:0000:0010");

        Assert.Equal(IPAddress.Parse("2001:db8:100:1::10"), Parsed(full).Source);
    }

    [Theory]
    [InlineData("OP25B-DROP IN=eth1 OUT=eth0 SRC=198.51.100.23 DST=203.0.113.9 LEN=60", "missing PROTO")]
    [InlineData("OP25B-DROP IN=eth1 OUT=eth0 SRC=198.51.100.23 DST=203.0.", "missing or malformed DST")]
    [InlineData("OP25B-DROP IN=eth1 OUT=eth0 SRC=198.51.100.23 DST=203.0.113.9 PROTO=TCP SPT=1 DPT=70000", "malformed DPT")]
    [InlineData("OP25B-DROP IN=eth1 OUT=eth0 SRC=198.51.100.23 DST=203.0.113.9 PROTO=TCP SPT=1", "missing or malformed DPT")]
    [InlineData("OP25B-DROP IN=eth1 OUT=eth0 SRC=198.51.100.23 DST=203.0.113.9 PROTO=TCP SPT=x DPT=25", "malformed SPT")]
    [InlineData("OP25B-DROP IN=eth1 SRC=198.51.100.23 DST=2001:db8::9 PROTO=TCP SPT=1 DPT=25", "source and destination are of different address families")]
    [InlineData("OP25B-DROP IN=eth1 SRC=1.2.3 DST=203.0.113.9 PROTO=TCP SPT=1 DPT=25", "missing or malformed SRC")]
    public void Truncated_or_impossible_lines_are_refused_with_a_reason(string text, string reason)
    {
        Assert.Equal(reason, _parser.Parse(AttemptSamples.Message(text)).Error);
    }

    [Fact]
    public void A_message_without_header_timestamp_is_refused()
    {
        var message = AttemptSamples.Message(V4Line) with { Timestamp = null };

        Assert.Equal("message has no timestamp", _parser.Parse(message).Error);
    }
}
