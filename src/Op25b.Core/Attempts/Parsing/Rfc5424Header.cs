using System.Globalization;
using System.Text.RegularExpressions;

namespace Op25b.Core.Attempts.Parsing;

/// <summary>RFC 5424: TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG], "-" for nil.</summary>
internal static partial class Rfc5424Header
{
    public static SyslogHeaderOutcome Parse(ReadOnlySpan<char> rest, int? pri, RouterClock clock)
    {
        if (!NextField(ref rest, out var timestampText) || !NextField(ref rest, out var host)
            || !NextField(ref rest, out var app) || !NextField(ref rest, out _)
            || !NextField(ref rest, out var msgId))
            return SyslogHeaderOutcome.Fail("truncated RFC 5424 header");

        // A nil timestamp means the sender did not know the time: the arrival time stands in.
        DateTimeOffset timestamp = clock.ReceivedAt;
        var source = LogTimeSource.Received;
        if (timestampText != "-")
        {
            if (!TryParseTimestamp(timestampText, out var parsed))
                return SyslogHeaderOutcome.Fail("malformed RFC 5424 timestamp");
            timestamp = parsed;
            source = LogTimeSource.Logged;
        }

        if (SkipStructuredData(ref rest) is { } sdError)
            return SyslogHeaderOutcome.Fail(sdError);
        var message = rest.Length > 0 && rest[0] == ' ' ? rest[1..] : rest;
        // RFC 5424 marks a UTF-8 MSG with a BOM; it is not part of the text.
        if (message.Length > 0 && message[0] == '\uFEFF')
            message = message[1..];

        return SyslogHeaderOutcome.Ok(new SyslogMessage(
            timestamp, Nil(host), Nil(app), message.ToString(), pri / 8, pri % 8, source, Nil(msgId)));
    }

    private static string? Nil(string value) => value == "-" ? null : value;

    private static bool NextField(ref ReadOnlySpan<char> rest, out string field)
    {
        var space = rest.IndexOf(' ');
        if (space <= 0)
        {
            field = "";
            return false;
        }
        field = rest[..space].ToString();
        rest = rest[(space + 1)..];
        return true;
    }

    private static bool TryParseTimestamp(string text, out DateTimeOffset value)
    {
        value = default;
        // RFC 5424 section 6.2.3: RFC 3339 with at most six fractional digits and a mandatory zone.
        if (!Rfc3339().IsMatch(text))
            return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            return false;
        value = parsed.ToUniversalTime();
        return true;
    }

    private static string? SkipStructuredData(ref ReadOnlySpan<char> rest)
    {
        if (rest.Length == 0)
            return "truncated RFC 5424 header";
        if (rest[0] == '-')
        {
            rest = rest[1..];
            return null;
        }
        if (rest[0] != '[')
            return "malformed structured data";
        while (rest.Length > 0 && rest[0] == '[')
        {
            var inQuotes = false;
            var i = 1;
            for (; i < rest.Length; i++)
            {
                var c = rest[i];
                // Inside PARAM-VALUE, '"', '\' and ']' are escaped with a backslash.
                if (inQuotes && c == '\\')
                    i++;
                else if (c == '"')
                    inQuotes = !inQuotes;
                else if (c == ']' && !inQuotes)
                    break;
            }
            if (i >= rest.Length)
                return "unterminated structured data";
            rest = rest[(i + 1)..];
        }
        return null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
