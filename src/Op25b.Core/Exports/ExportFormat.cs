namespace Op25b.Core.Exports;

/// <summary>File formats an export can be written in.</summary>
public enum ExportFormat
{
    /// <summary>RFC 4180: CRLF line ends, fields quoted only when they hold a comma, quote, CR or LF.</summary>
    Csv,
    /// <summary>One JSON object per line (LF), so a reader never holds the whole file.</summary>
    JsonLines,
}

public static class ExportFormats
{
    public static string Name(ExportFormat format) => format switch
    {
        ExportFormat.Csv => "csv",
        ExportFormat.JsonLines => "jsonl",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown export format."),
    };

    public static bool TryParse(string? name, out ExportFormat format)
    {
        (var ok, format) = name?.ToLowerInvariant() switch
        {
            "csv" => (true, ExportFormat.Csv),
            "jsonl" or "json-lines" or "ndjson" => (true, ExportFormat.JsonLines),
            _ => (false, ExportFormat.Csv),
        };
        return ok;
    }

    public static string ContentType(ExportFormat format) =>
        format == ExportFormat.Csv ? "text/csv; charset=utf-8; header=present" : "application/jsonl; charset=utf-8";
}
