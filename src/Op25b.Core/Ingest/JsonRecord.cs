using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Op25b.Core.Ingest;

/// <summary>Parses one self-contained JSON record (an NDJSON line or an array element).</summary>
internal static class JsonRecord
{
    public static IngestLine Parse(int lineNumber, ReadOnlySequence<byte> bytes)
    {
        var raw = Decode(bytes);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return IngestRecordValidator.TryValidate(document.RootElement, out var attempt, out var error)
                ? IngestLine.Valid(lineNumber, raw, attempt)
                : IngestLine.Invalid(lineNumber, raw, error);
        }
        catch (JsonException ex)
        {
            return IngestLine.Invalid(lineNumber, raw, $"invalid JSON: {ex.Message}");
        }
    }

    /// <summary>Decodes at most what a quarantine row keeps; a cut multi-byte character becomes U+FFFD.</summary>
    public static string Decode(ReadOnlySequence<byte> bytes)
    {
        var limit = IngestLine.MaxRawLength * 4;
        return Encoding.UTF8.GetString(bytes.Length > limit ? bytes.Slice(0, limit) : bytes);
    }

    public static ReadOnlySequence<byte> SkipBom(ReadOnlySequence<byte> buffer) =>
        buffer.Length >= 3 && buffer.FirstSpan.Length >= 3 && buffer.FirstSpan[..3].SequenceEqual("\uFEFF"u8)
            ? buffer.Slice(3)
            : buffer;
}
