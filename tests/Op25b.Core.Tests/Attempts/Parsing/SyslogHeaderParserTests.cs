using Op25b.Core.Attempts.Parsing;

namespace Op25b.Core.Tests.Attempts.Parsing;

public sealed class SyslogHeaderParserTests
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    private static SyslogMessage Parsed(string line, TimeSpan? offset = null)
    {
        var outcome = SyslogHeaderParser.Parse(line, 2026, offset ?? Jst);
        Assert.True(outcome.Succeeded, outcome.Error);
        return outcome.Message;
    }

    private static string Refused(string line)
    {
        var outcome = SyslogHeaderParser.Parse(line, 2026, Jst);
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
    public void Rfc5424_nil_values_become_null()
    {
        var m = Parsed("<14>1 - - - - - - msg");

        Assert.Null(m.Timestamp);
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
        var m = Parsed("Nov  8 03:10:00 rtr1 sshd[812]: Accepted key", TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 11, 8, 3, 10, 0, TimeSpan.Zero), m.Timestamp);
        Assert.Equal("sshd", m.AppName);
        Assert.Equal("Accepted key", m.Message);
        Assert.Null(m.Facility);
    }

    [Fact]
    public void Rfc3164_text_that_is_not_a_tag_stays_in_the_message()
    {
        var m = Parsed("<189>Nov 28 03:10:00 c7600 %SEC-6-IPACCESSLOGP: list X denied", TimeSpan.Zero);

        Assert.Null(m.AppName);
        Assert.Equal("%SEC-6-IPACCESSLOGP: list X denied", m.Message);
    }

    [Fact]
    public void Rfc3164_milliseconds_are_kept()
    {
        var m = Parsed("<189>Nov 28 03:10:00.250 rtr1 msg", TimeSpan.Zero);

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
