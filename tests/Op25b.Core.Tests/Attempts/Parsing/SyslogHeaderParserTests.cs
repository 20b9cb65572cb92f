using Op25b.Core.Attempts.Parsing;
using Op25b.Core.Attempts;

namespace Op25b.Core.Tests.Attempts.Parsing;

public sealed class SyslogHeaderParserTests
{
    private static SyslogMessage Parsed(string line, TimeZoneInfo? zone = null)
    {
        var outcome = SyslogHeaderParser.Parse(line, AttemptSamples.Clock(zone ?? AttemptSamples.Tokyo));
        Assert.True(outcome.Succeeded, outcome.Error);
        return outcome.Message;
    }

    private static string Refused(string line)
    {
        var outcome = SyslogHeaderParser.Parse(line, AttemptSamples.Clock(AttemptSamples.Tokyo));
        Assert.False(outcome.Succeeded);
        return outcome.Error;
    }

    [Fact]
    public void Rfc5424_header_fields_are_read()
    {
        var m = Parsed("<14>1 2026-11-28T03:10:00.123Z bras-tokyo-1 kernel - - - OP25B-DROP IN=eth1");

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 10, 0, 123, TimeSpan.Zero), m.Timestamp);
        Assert.Equal("bras-tokyo-1", m.Hostname);
        Assert.Equal("kernel", m.AppName);
        Assert.Equal("OP25B-DROP IN=eth1", m.Message);
        Assert.Equal(1, m.Facility);
        Assert.Equal(6, m.Severity);
    }

    [Fact]
    public void Rfc5424_timestamp_with_offset_is_converted_to_utc()
    {
        var m = Parsed("<14>1 2026-11-28T12:10:00.000001+09:00 host app 42 ID7 - msg");

        Assert.Equal(TimeSpan.Zero, m.Timestamp!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 10, 0, TimeSpan.Zero).AddTicks(10), m.Timestamp);
    }

    [Fact]
    public void Rfc5424_nil_values_become_null_and_a_nil_time_the_received_time()
    {
        var m = Parsed("<14>1 - - - - - - msg");

        Assert.Equal(AttemptSamples.Received, m.Timestamp);
        Assert.Equal(LogTimeSource.Received, m.TimeSource);
        Assert.Null(m.Hostname);
        Assert.Null(m.AppName);
        Assert.Equal("msg", m.Message);
    }

    [Fact]
    public void Rfc5424_structured_data_with_escaped_brackets_is_skipped()
    {
        var m = Parsed("<165>1 2026-11-28T03:10:00Z host app - - [ex@32473 a=\"x\\]y\" b=\"q\\\"\"][two@1 c=\"]\"] \uFEFFbody text");

        Assert.Equal("body text", m.Message);
    }

    [Fact]
    public void Rfc5424_without_message_has_empty_text()
    {
        Assert.Equal("", Parsed("<14>1 2026-11-28T03:10:00Z host app - - -").Message);
    }

    [Theory]
    [InlineData("<14>1 2026-11-28T03:10:00Z host app", "truncated RFC 5424 header")]
    [InlineData("<14>1 2026-11-28T03:10:00Z host app - - ", "truncated RFC 5424 header")]
    [InlineData("<14>1 2026-11-28T03:10:00Z host app - - [unterminated a=\"b\"", "unterminated structured data")]
    [InlineData("<14>1 2026-11-28T03:10:00Z host app - - garbage msg", "malformed structured data")]
    public void Truncated_rfc5424_lines_are_refused_with_a_reason(string line, string reason)
    {
        Assert.Equal(reason, Refused(line));
    }

    [Theory]
    [InlineData("<14>1 2026-11-28 03:10:00 host app - - - msg")]
    [InlineData("<14>1 2026-11-28T03:10:00 host app - - - msg")]
    [InlineData("<14>1 2026-13-28T03:10:00Z host app - - - msg")]
    public void Rfc5424_timestamps_without_zone_or_impossible_are_refused(string line)
    {
        Assert.Equal("malformed RFC 5424 timestamp", Refused(line));
    }

    [Fact]
    public void Rfc3164_uses_the_given_year_and_local_offset()
    {
        var m = Parsed("<4>Nov 28 12:10:00 bras-tokyo-1 kernel: [12345.678901] OP25B-DROP IN=eth1");

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 10, 0, TimeSpan.Zero), m.Timestamp);
        Assert.Equal(TimeSpan.Zero, m.Timestamp!.Value.Offset);
        Assert.Equal("bras-tokyo-1", m.Hostname);
        Assert.Equal("kernel", m.AppName);
        Assert.Equal("[12345.678901] OP25B-DROP IN=eth1", m.Message);
        Assert.Equal(0, m.Facility);
        Assert.Equal(4, m.Severity);
    }

    [Fact]
    public void Rfc3164_without_pri_and_with_padded_day_is_accepted()
    {
        var m = Parsed("Nov  8 03:10:00 rtr1 sshd[812]: Accepted key", TimeZoneInfo.Utc);

        Assert.Equal(new DateTimeOffset(2026, 11, 8, 3, 10, 0, TimeSpan.Zero), m.Timestamp);
        Assert.Equal("sshd", m.AppName);
        Assert.Equal("Accepted key", m.Message);
        Assert.Null(m.Facility);
    }

    [Fact]
    public void Rfc3164_text_that_is_not_a_tag_stays_in_the_message()
    {
        var m = Parsed("<189>Nov 28 03:10:00 c7600 %SEC-6-IPACCESSLOGP: list X denied", TimeZoneInfo.Utc);

        Assert.Null(m.AppName);
        Assert.Equal("%SEC-6-IPACCESSLOGP: list X denied", m.Message);
    }

    [Fact]
    public void Rfc3164_milliseconds_are_kept()
    {
        var m = Parsed("<189>Nov 28 03:10:00.250 rtr1 msg", TimeZoneInfo.Utc);

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 10, 0, 250, TimeSpan.Zero), m.Timestamp);
    }

    [Theory]
    [InlineData("<189>Nov 28 03:10", "truncated RFC 3164 header")]
    [InlineData("<189>Foo 28 03:10:00 rtr1 msg", "malformed RFC 3164 timestamp")]
    [InlineData("<189>Nov 28 25:10:00 rtr1 msg", "malformed RFC 3164 timestamp")]
    [InlineData("<189>Feb 29 03:10:00 rtr1 msg", "impossible RFC 3164 date")]
    [InlineData("<189>Nov 28 03:10:00 ", "truncated RFC 3164 header: no hostname")]
    [InlineData("<999>Nov 28 03:10:00 rtr1 msg", "PRI out of range")]
    [InlineData("<1x>Nov 28 03:10:00 rtr1 msg", "malformed PRI")]
    [InlineData("", "truncated RFC 3164 header")]
    public void Malformed_rfc3164_lines_are_refused_with_a_reason(string line, string reason)
    {
        Assert.Equal(reason, Refused(line));
    }

    [Fact]
    public void Over_long_lines_are_refused()
    {
        var line = "<14>Nov 28 03:10:00 rtr1 " + new string('x', LineLimits.MaxLineLength);

        Assert.Equal("line too long", Refused(line));
    }

    [Theory]
    [InlineData("<14>Nov 28 03:10:00 rtr1 a\u0000b")]
    [InlineData("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003")]
    [InlineData("<14>Nov 28 03:10:00 rtr1 bad \uFFFD utf8")]
    public void Binary_garbage_is_refused(string line)
    {
        Assert.Equal("line contains binary data", Refused(line));
    }

    [Fact]
    public void Tabs_and_a_trailing_crlf_are_tolerated()
    {
        Assert.Equal("a\tb", Parsed("<14>Nov 28 03:10:00 rtr1 a\tb\r\n").Message);
    }
}

public sealed class CiscoHeaderTests
{
    private static SyslogMessage Parsed(string line, TimeZoneInfo? zone = null, DateTimeOffset? received = null)
    {
        var outcome = SyslogHeaderParser.Parse(line, AttemptSamples.Clock(zone, received));
        Assert.True(outcome.Succeeded, outcome.Error);
        return outcome.Message;
    }

    [Theory]
    [InlineData("<190>123456: Nov 28 12:10:00.511 JST: %SEC-6-IPACCESSLOGP: x")]
    [InlineData("<190>123456: *Nov 28 12:10:00.511 JST: %SEC-6-IPACCESSLOGP: x")]
    [InlineData("<190>123456: .Nov 28 12:10:00.511 JST: %SEC-6-IPACCESSLOGP: x")]
    [InlineData("<190>123456: Nov 28 12:10:00.511 +09:00: %SEC-6-IPACCESSLOGP: x")]
    [InlineData("<190>123456: Nov 28 2026 12:10:00.511 JST: %SEC-6-IPACCESSLOGP: x")]
    [InlineData("<190>Nov 28 12:10:00.511 JST: %SEC-6-IPACCESSLOGP: x")]
    public void Ciscos_default_header_without_hostname_is_read_with_its_zone(string line)
    {
        var m = Parsed(line);

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 10, 0, 511, TimeSpan.Zero), m.Timestamp);
        Assert.Null(m.Hostname);
        Assert.Equal("%SEC-6-IPACCESSLOGP: x", m.Message);
        Assert.Equal(23, m.Facility);
    }

    [Fact]
    public void The_zone_name_is_never_taken_for_the_hostname_and_origin_id_is()
    {
        var m = Parsed("<190>42: edge-1: *Nov 28 03:10:00 UTC: %SEC-6-IPACCESSLOGP: x");

        Assert.Equal("edge-1", m.Hostname);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 10, 0, TimeSpan.Zero), m.Timestamp);
    }

    [Fact]
    public void A_time_without_zone_name_is_read_in_the_routers_zone()
    {
        var m = Parsed("<190>42: Nov 28 12:10:00.511: %SEC-6-IPACCESSLOGP: x", AttemptSamples.Tokyo);

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 10, 0, 511, TimeSpan.Zero), m.Timestamp);
    }

    [Fact]
    public void An_untrusted_zone_name_is_read_in_the_routers_zone()
    {
        // IST is India, Israel and Ireland: the router's configured zone decides.
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

        var m = Parsed("<190>42: Nov 28 08:40:00 IST: %SEC-6-IPACCESSLOGP: x", kolkata);

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 10, 0, TimeSpan.Zero), m.Timestamp);
    }

    [Theory]
    [InlineData("<190>42: 1w2d: %SEC-6-IPACCESSLOGP: x")]
    [InlineData("<190>42: 00:12:34: %SEC-6-IPACCESSLOGP: x")]
    [InlineData("<190>42: *2d03h: %SEC-6-IPACCESSLOGP: x")]
    public void An_uptime_stamp_gives_the_received_time(string line)
    {
        var m = Parsed(line);

        Assert.Equal(AttemptSamples.Received, m.Timestamp);
        Assert.Equal(LogTimeSource.Received, m.TimeSource);
        Assert.Equal("%SEC-6-IPACCESSLOGP: x", m.Message);
    }

    [Theory]
    [InlineData("<190>RP/0/RSP0/CPU0:Nov 28 12:10:00.511 JST: ipv4_acl_mgr[345]: %ACL-IPV4_ACL-6-IPACCESSLOGP : x")]
    [InlineData("<190>1234: RP/0/RSP0/CPU0:Nov 28 03:10:00.511 : ipv4_acl_mgr[345]: %ACL-IPV4_ACL-6-IPACCESSLOGP : x")]
    public void An_ios_xr_node_header_is_read(string line)
    {
        var m = Parsed(line);

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 10, 0, 511, TimeSpan.Zero), m.Timestamp);
        Assert.StartsWith("ipv4_acl_mgr[345]: %ACL", m.Message);
    }

    [Theory]
    [InlineData("\uFEFF<190>42: Nov 28 03:10:00 UTC: %SEC-6-IPACCESSLOGP: x\r\n")]
    [InlineData("<190>42: Nov 28 03:10:00 UTC: %SEC-6-IPACCESSLOGP: x\0")]
    [InlineData("<190>42: Nov 28 03:10:00 UTC: %SEC-6-IPACCESSLOGP: x\r")]
    public void A_bom_and_trailing_cr_or_nul_are_not_part_of_the_line(string line)
    {
        Assert.Equal("%SEC-6-IPACCESSLOGP: x", Parsed(line).Message);
    }

    [Fact]
    public void Rfc5424_with_junos_structured_data_is_read()
    {
        var m = Parsed("<165>1 2026-11-28T12:10:00.511+09:00 mx204-kanda PFE - PFE_FW_SYSLOG_IP [junos@2636.1.1.1.2.40 fpc=\"0\" message=\"FW\"] PFE_FW_SYSLOG_IP: FW: ge-0/0/0.0 D tcp 1.2.3.4 5.6.7.8 1 25 (1 packets)");

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 10, 0, 511, TimeSpan.Zero), m.Timestamp);
        Assert.StartsWith("PFE_FW_SYSLOG_IP: FW:", m.Message);
    }

    [Fact]
    public void Rfc3164_without_hostname_keeps_the_tag()
    {
        var m = Parsed("<4>Nov 28 03:10:00 kernel: OP25B-DROP IN=eth1");

        Assert.Null(m.Hostname);
        Assert.Equal("kernel", m.AppName);
    }
}

/// <summary>Year-less dates near New Year, against a fake received time.</summary>
public sealed class YearInferenceTests
{
    private static DateTimeOffset At(string line, DateTimeOffset received, TimeZoneInfo? zone = null)
    {
        var outcome = SyslogHeaderParser.Parse(line, AttemptSamples.Clock(zone, received));
        Assert.True(outcome.Succeeded, outcome.Error);
        return outcome.Message.Timestamp!.Value;
    }

    [Fact]
    public void Thirty_first_december_received_after_midnight_is_last_year()
    {
        var at = At("<4>Dec 31 23:59:00 r1 kernel: x", new DateTimeOffset(2027, 1, 1, 0, 1, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 12, 31, 23, 59, 0, TimeSpan.Zero), at);
    }

    [Fact]
    public void First_january_from_a_clock_slightly_ahead_is_next_year()
    {
        var at = At("<4>Jan  1 00:00:30 r1 kernel: x", new DateTimeOffset(2026, 12, 31, 23, 59, 50, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 30, TimeSpan.Zero), at);
    }

    [Fact]
    public void A_date_further_ahead_than_the_skew_is_never_put_in_the_future()
    {
        var received = new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero);

        var at = At("<4>Jan  1 00:30:00 r1 kernel: x", received);

        Assert.True(at <= received + AttemptValidation.MaxClockSkew);
        Assert.Equal(2026, at.Year);
    }

    [Fact]
    public void A_local_time_router_near_new_year_uses_its_zone_and_the_nearest_year()
    {
        // 1 Jan 08:30 JST is 23:30 UTC on 31 Dec: received then, it is this (UTC) year's eve.
        var at = At("<4>Jan  1 08:30:00 r1 kernel: x", new DateTimeOffset(2026, 12, 31, 23, 31, 0, TimeSpan.Zero), AttemptSamples.Tokyo);

        Assert.Equal(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero), at);
    }

    [Fact]
    public void A_jst_router_logging_local_time_is_not_nine_hours_in_the_future()
    {
        var received = new DateTimeOffset(2026, 11, 28, 3, 10, 5, TimeSpan.Zero);

        var at = At("<4>Nov 28 12:10:00 r1 kernel: x", received, AttemptSamples.Tokyo);

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 3, 10, 0, TimeSpan.Zero), at);
    }
}
