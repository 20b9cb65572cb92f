using System.Diagnostics.CodeAnalysis;

namespace Op25b.Core.Attempts.Parsing;

/// <summary>Either a parsed attempt or the reason the input was refused; bad input never throws.</summary>
public readonly record struct ParseOutcome(BlockedAttemptRecord? Record, string? Error)
{
    [MemberNotNullWhen(true, nameof(Record))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Record is not null;

    public static ParseOutcome Ok(BlockedAttemptRecord record) => new(record, null);

    public static ParseOutcome Fail(string error) => new(null, error);
}
