namespace Op25b.Core.Attempts.Parsing;

/// <summary>Takes apart the header of one syslog line, RFC 5424 or the older RFC 3164.</summary>
public static class SyslogHeaderParser
{
    /// <param name="currentYear">RFC 3164 timestamps carry no year; the caller decides it.</param>
    /// <param name="localOffset">RFC 3164 timestamps carry no zone; they are read at this offset.</param>
    public static SyslogHeaderOutcome Parse(string line, int currentYear, TimeSpan localOffset)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (LineLimits.Check(line, out var text) is { } limitError)
            return SyslogHeaderOutcome.Fail(limitError);
        if (PriorityField.TryRead(text, out var pri, out var consumed) is { } priError)
            return SyslogHeaderOutcome.Fail(priError);

        var rest = text.AsSpan(consumed);
        // Only RFC 5424 puts a version after PRI; a 3164 timestamp starts with a month name.
        if (pri is not null && rest.StartsWith("1 "))
            return Rfc5424Header.Parse(rest[2..], pri);
        return Rfc3164Header.Parse(rest, pri, currentYear, localOffset);
    }
}
