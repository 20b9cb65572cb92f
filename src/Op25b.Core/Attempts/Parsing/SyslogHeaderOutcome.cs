using System.Diagnostics.CodeAnalysis;

namespace Op25b.Core.Attempts.Parsing;

/// <summary>Either a parsed syslog message or the reason the line was refused.</summary>
public readonly record struct SyslogHeaderOutcome(SyslogMessage? Message, string? Error)
{
    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Message is not null;

    public static SyslogHeaderOutcome Ok(SyslogMessage message) => new(message, null);

    public static SyslogHeaderOutcome Fail(string error) => new(null, error);
}
