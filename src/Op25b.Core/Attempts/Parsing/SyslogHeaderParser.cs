namespace Op25b.Core.Attempts.Parsing;

/// <summary>Takes apart the header of one syslog line: RFC 5424, Cisco's own header, or RFC 3164.</summary>
public static class SyslogHeaderParser
{
    /// <param name="clock">The sending router's log zone and the arrival time: lines without a year or offset are read against it.</param>
    public static SyslogHeaderOutcome Parse(string line, RouterClock clock)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (LineLimits.Check(line, out var text) is { } limitError)
            return SyslogHeaderOutcome.Fail(limitError);
        if (PriorityField.TryRead(text, out var pri, out var consumed) is { } priError)
            return SyslogHeaderOutcome.Fail(priError);

        var rest = text.AsSpan(consumed);
        // Only RFC 5424 puts a version after PRI; a 3164 timestamp starts with a month name.
        if (pri is not null && rest.StartsWith("1 "))
            return Rfc5424Header.Parse(rest[2..], pri, clock);
        if (CiscoHeader.TryParse(text, consumed, pri, clock, out var cisco))
            return cisco;
        return Rfc3164Header.Parse(rest, pri, clock);
    }
}
