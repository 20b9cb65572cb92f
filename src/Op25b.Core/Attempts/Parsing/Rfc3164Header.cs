using System.Globalization;

namespace Op25b.Core.Attempts.Parsing;

/// <summary>RFC 3164 (BSD): "Mmm dd hh:mm:ss HOST TAG[pid]: MSG", with PRI optional in practice.</summary>
internal static class Rfc3164Header
{
    private static readonly string[] Months =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static SyslogHeaderOutcome Parse(ReadOnlySpan<char> rest, int? pri, RouterClock clock)
    {
        if (ReadTimestamp(ref rest, clock, out var timestamp) is { } error)
            return SyslogHeaderOutcome.Fail(error);

        var space = rest.IndexOf(' ');
        if (space <= 0)
            return SyslogHeaderOutcome.Fail("truncated RFC 3164 header: no hostname");
        // Many senders leave the hostname out (RFC 3164 4.3.3 lets a relay add it): a first word
        // that is a TAG ("kernel:", "sshd[812]:") or a Cisco message ("%SEC-…") is not a host.
        string? host = null;
        var first = rest[..space];
        if (first[^1] != ':' && !first.Contains('[') && first[0] != '%')
        {
            host = first.ToString();
            rest = rest[(space + 1)..];
        }

        var app = ReadTag(ref rest);
        return SyslogHeaderOutcome.Ok(new SyslogMessage(timestamp, host, app, rest.ToString(), pri / 8, pri % 8));
    }

    private static string? ReadTimestamp(ref ReadOnlySpan<char> rest, RouterClock clock, out DateTimeOffset value)
    {
        value = default;
        // "Nov 28 03:10:00 " is 16 characters; single-digit days are space-padded ("Nov  8").
        if (rest.Length < 16)
            return "truncated RFC 3164 header";
        var month = Array.IndexOf(Months, rest[..3].ToString()) + 1;
        if (month == 0 || rest[3] != ' ')
            return "malformed RFC 3164 timestamp";
        var dayText = rest[4..6].Trim(' ');
        var timeText = rest[7..15];
        if (rest[6] != ' '
            || !int.TryParse(dayText, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !TimeOnly.TryParseExact(timeText, "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return "malformed RFC 3164 timestamp";
        rest = rest[15..];
        // Some senders append milliseconds although 3164 has none.
        var fraction = 0;
        if (rest.Length > 1 && rest[0] == '.')
        {
            var digits = 1;
            while (digits < rest.Length && digits <= 7 && char.IsAsciiDigit(rest[digits]))
                digits++;
            var fractionText = rest[1..digits].ToString().PadRight(7, '0');
            if (digits == 1 || digits > 7)
                return "malformed RFC 3164 timestamp";
            fraction = int.Parse(fractionText, CultureInfo.InvariantCulture);
            rest = rest[digits..];
        }
        if (rest.Length == 0 || rest[0] != ' ')
            return "malformed RFC 3164 timestamp";
        rest = rest[1..];
        // RFC 3164 has neither year nor zone: the router's zone and the nearest plausible year.
        if (day < 1 || day > 31 || clock.InferYear(month, day, time, fraction, null) is not { } at)
            return "impossible RFC 3164 date";
        value = at;
        return null;
    }

    /// <summary>A TAG is up to 32 name characters ending in ':' or "[pid]:"; anything else is message.</summary>
    private static string? ReadTag(ref ReadOnlySpan<char> rest)
    {
        var i = 0;
        while (i < rest.Length && i <= 32 && IsTagChar(rest[i]))
            i++;
        if (i == 0 || i > 32 || i >= rest.Length)
            return null;
        var tag = rest[..i].ToString();
        var end = i;
        if (rest[end] == '[')
        {
            var close = rest[end..].IndexOf(']');
            if (close < 0)
                return null;
            end += close + 1;
        }
        if (end >= rest.Length || rest[end] != ':')
            return null;
        end++;
        if (end < rest.Length && rest[end] == ' ')
            end++;
        rest = rest[end..];
        return tag;
    }

    private static bool IsTagChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/';
}
