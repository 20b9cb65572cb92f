using System.Net.Http.Headers;

namespace Op25b.Core.Ingest;

public enum BatchFormat
{
    Ndjson,
    JsonArray,
    Csv,
}

public static class BatchFormats
{
    /// <summary>The format a Content-Type names, ignoring parameters such as charset; null when unsupported.</summary>
    public static BatchFormat? FromContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var parsed))
            return null;
        return parsed.MediaType?.ToLowerInvariant() switch
        {
            "application/x-ndjson" or "application/jsonl" => BatchFormat.Ndjson,
            "application/json" => BatchFormat.JsonArray,
            "text/csv" => BatchFormat.Csv,
            _ => null,
        };
    }

    public static IIngestBatchReader ReaderFor(BatchFormat format) => format switch
    {
        BatchFormat.Ndjson => new NdjsonBatchReader(),
        BatchFormat.JsonArray => new JsonArrayBatchReader(),
        BatchFormat.Csv => new CsvBatchReader(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
