using System.Net;
using Op25b.Core.Attempts;
using Op25b.Core.Attempts.Parsing;

namespace Op25b.Core.Tests.Attempts.Parsing;

public sealed class UlogdJsonParserTests
{
    // Shape as ulogd 2.0.8 writes it in the lab; "timestamp" is local time and deliberately off.
    private const string V4Record =
        """{"timestamp": "2026-11-28T12:10:00", "dvc": "lab-router", "raw.pktlen": 60, "raw.pktcount": 1, "oob.prefix": "OP25B-DROP ", "oob.time.sec": 1795835400, "oob.time.usec": 123456, "oob.mark": 0, "oob.ifindex_in": 2, "oob.ifindex_out": 3, "oob.hook": 2, "raw.mac_len": 14, "oob.family": 2, "oob.protocol": 2048, "raw.label": 0, "raw.type": 1, "raw.mac.addrlen": 6, "ip.protocol": 6, "ip.tos": 0, "ip.ttl": 63, "ip.totlen": 60, "ip.ihl": 5, "ip.csum": 0, "ip.id": 1, "ip.fragoff": 16384, "src_port": 51544, "dest_port": 25, "tcp.seq": 1, "tcp.ackseq": 0, "tcp.window": 64240, "tcp.offset": 0, "tcp.reserved": 0, "tcp.urg": 0, "tcp.ack": 0, "tcp.psh": 0, "tcp.rst": 0, "tcp.syn": 1, "tcp.fin": 0, "tcp.res1": 0, "tcp.res2": 0, "tcp.csum": 0, "oob.in": "veth-sub", "oob.out": "veth-up", "src_ip": "198.51.100.23", "dest_ip": "203.0.113.9", "mac.saddr.str": "52:54:00:12:34:56", "mac.daddr.str": "52:54:00:65:43:21", "mac.str": "52:54:00:65:43:21:52:54:00:12:34:56:08:00"}""";

    private const string V6Record =
        """{"timestamp": "2026-11-28T12:10:00", "dvc": "lab-router", "oob.prefix": "OP25B-DROP ", "oob.time.sec": 1795835400, "oob.time.usec": 0, "oob.in": "veth-sub", "oob.out": "veth-up", "oob.family": 10, "ip.protocol": 6, "src_ip": "2001:db8:100:1::10", "dest_ip": "2001:db8:ffff::9", "src_port": 40022, "dest_port": 25, "tcp.syn": 1}""";

    private readonly UlogdJsonParser _parser = new();

    [Fact]
    public void An_ipv4_record_becomes_an_attempt_timed_by_the_utc_epoch_fields()
    {
        var outcome = _parser.Parse(V4Record, AttemptSamples.Clock());

        Assert.True(outcome.Succeeded, outcome.Error);
        var r = outcome.Record;
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795835400).AddTicks(1234560), r.OccurredAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 10, 0, TimeSpan.Zero).AddTicks(1234560), r.OccurredAt);
        Assert.Equal("lab-router", r.RouterName);
        Assert.Equal(IPAddress.Parse("198.51.100.23"), r.Source);
        Assert.Equal(51544, r.SourcePort);
        Assert.Equal(IPAddress.Parse("203.0.113.9"), r.Destination);
        Assert.Equal(25, r.DestinationPort);
        Assert.Equal("tcp", r.Protocol);
        Assert.Equal(AttemptAction.Dropped, r.Action);
    }

    [Fact]
    public void An_ipv6_record_becomes_an_attempt()
    {
        var outcome = _parser.Parse(V6Record, AttemptSamples.Clock());

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(IPAddress.Parse("2001:db8:100:1::10"), outcome.Record.Source);
        Assert.Equal(IPAddress.Parse("2001:db8:ffff::9"), outcome.Record.Destination);
    }

    [Fact]
    public void A_record_with_another_prefix_is_read_with_that_prefix_as_its_list()
    {
        var outcome = _parser.Parse(V6Record.Replace("OP25B-DROP ", "SSH-LIMIT "), AttemptSamples.Clock());

        Assert.Equal("SSH-LIMIT", outcome.Record!.ListName);
    }

    [Fact]
    public void Without_oob_time_the_ulogd_timestamp_is_read_in_the_routers_zone()
    {
        var line = V6Record.Replace("\"oob.time.sec\": 1795835400, \"oob.time.usec\": 0, ", "");

        var r = _parser.Parse(line, AttemptSamples.Clock(AttemptSamples.Tokyo)).Record!;

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 10, 0, TimeSpan.Zero), r.OccurredAt);
        Assert.Equal(LogTimeSource.UlogdTimestamp, r.TimeSource);
    }

    [Fact]
    public void A_ulogd_timestamp_with_its_own_offset_wins_over_the_routers_zone()
    {
        var line = V6Record.Replace("\"oob.time.sec\": 1795835400, \"oob.time.usec\": 0, ", "").Replace("2026-11-28T12:10:00", "2026-11-28T12:10:00.250000+0900");

        var r = _parser.Parse(line, AttemptSamples.Clock()).Record!;

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 10, 0, 250, TimeSpan.Zero), r.OccurredAt);
    }

    [Fact]
    public void Without_any_time_field_the_received_time_is_used_and_said()
    {
        var line = V6Record.Replace("\"oob.time.sec\": 1795835400, \"oob.time.usec\": 0, ", "").Replace("\"timestamp\": \"2026-11-28T12:10:00\", ", "");

        var r = _parser.Parse(line, AttemptSamples.Clock()).Record!;

        Assert.Equal(AttemptSamples.Received, r.OccurredAt);
        Assert.Equal(LogTimeSource.Received, r.TimeSource);
    }

    [Fact]
    public void A_record_without_dvc_is_read_the_listener_knows_the_router()
    {
        var r = _parser.Parse(V6Record.Replace("\"dvc\": \"lab-router\", ", ""), AttemptSamples.Clock()).Record!;

        Assert.Equal("", r.RouterName);
        Assert.Equal(LogTimeSource.KernelPacketTime, r.TimeSource);
    }

    [Theory]
    [InlineData("\"src_port\": 40022", "\"src_port\": \"40022\"", "field 'src_port' must be an integer")]
    [InlineData("\"dest_port\": 25", "\"dest_port\": 70000", "field 'dest_port' value 70000 is outside 1-65535")]
    [InlineData("\"dest_port\": 25", "\"dest_port\": 25.5", "field 'dest_port' must be an integer")]
    [InlineData("\"src_ip\": \"2001:db8:100:1::10\"", "\"src_ip\": 42", "field 'src_ip' must be a string")]
    [InlineData("\"dest_ip\": \"2001:db8:ffff::9\"", "\"dest_ip\": \"not-an-ip\"", "field 'dest_ip' is not an IP address")]
    [InlineData("\"oob.time.usec\": 0", "\"oob.time.usec\": 1000000", "field 'oob.time.usec' value 1000000 is outside 0-999999")]
    [InlineData("\"oob.family\": 10", "\"oob.family\": 2", "field 'oob.family' disagrees with the addresses")]
    [InlineData("\"oob.family\": 10", "\"oob.family\": 7", "field 'oob.family' has unknown value 7")]
    [InlineData("\"oob.time.sec\": 1795835400", "\"oob.time.sec\": \"x\"", "field 'oob.time.sec' must be an integer")]
    [InlineData("\"timestamp\": \"2026-11-28T12:10:00\", \"dvc\": \"lab-router\", \"oob.prefix\": \"OP25B-DROP \", \"oob.time.sec\": 1795835400, \"oob.time.usec\": 0,", "\"timestamp\": \"yesterday\", \"oob.prefix\": \"OP25B-DROP \",", "field 'timestamp' is not a ulogd timestamp")]
    public void Wrong_field_types_and_values_are_refused_naming_the_field(string field, string replacement, string reason)
    {
        Assert.Equal(reason, _parser.Parse(V6Record.Replace(field, replacement), AttemptSamples.Clock()).Error);
    }

    [Theory]
    [InlineData("{\"dvc\": \"lab-router\", \"oob.prefix\": \"OP25B-DROP \"", "malformed JSON")]
    [InlineData("[1, 2, 3]", "record is not a JSON object")]
    [InlineData("", "malformed JSON")]
    public void Truncated_or_non_object_json_is_refused(string line, string reason)
    {
        Assert.Equal(reason, _parser.Parse(line, AttemptSamples.Clock()).Error);
    }

    [Fact]
    public void Nested_objects_are_not_mistaken_for_dotted_keys()
    {
        var nested = """{"dvc": "r", "oob": {"prefix": "OP25B-DROP "}}""";

        Assert.Equal("missing field 'oob.prefix'", _parser.Parse(nested, AttemptSamples.Clock()).Error);
    }

    [Fact]
    public void Over_long_and_binary_lines_are_refused()
    {
        Assert.Equal("line too long", _parser.Parse("{\"x\": \"" + new string('a', 9000) + "\"}", AttemptSamples.Clock()).Error);
        Assert.Equal("line contains binary data", _parser.Parse("{\u0001}", AttemptSamples.Clock()).Error);
    }
}
