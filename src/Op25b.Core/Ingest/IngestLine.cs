using System.Diagnostics.CodeAnalysis;

namespace Op25b.Core.Ingest;

/// <summary>
/// One line (NDJSON, CSV row) or element (JSON array) of a batch: either a valid attempt or an
/// error naming the field. <see cref="Raw"/> keeps the client's text so a rejected line can be
/// quarantined and shown back as sent.
/// </summary>
public sealed record IngestLine
{
    /// <summary>A quarantine row stores at most this much of the original text.</summary>
    public const int MaxRawLength = 4096;

    private IngestLine(int lineNumber, string raw, IngestAttempt? attempt, string? error)
    {
        LineNumber = lineNumber;
        Raw = raw.Length > MaxRawLength ? raw[..MaxRawLength] : raw;
        Attempt = attempt;
        Error = error;
    }

    /// <summary>1-based: the physical line for NDJSON and CSV, the element index + 1 for a JSON array.</summary>
    public int LineNumber { get; }
    public string Raw { get; }
    public IngestAttempt? Attempt { get; }
    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Attempt))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Attempt is not null;

    public static IngestLine Valid(int lineNumber, string raw, IngestAttempt attempt) => new(lineNumber, raw, attempt, null);

    public static IngestLine Invalid(int lineNumber, string raw, string error) => new(lineNumber, raw, null, error);
}
