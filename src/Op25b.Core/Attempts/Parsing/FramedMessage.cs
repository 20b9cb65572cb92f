using System.Diagnostics.CodeAnalysis;

namespace Op25b.Core.Attempts.Parsing;

/// <summary>One frame cut from a TCP syslog stream: its text, or why it was discarded.</summary>
public readonly record struct FramedMessage(string? Text, string? Error)
{
    [MemberNotNullWhen(true, nameof(Text))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Text is not null;
}
