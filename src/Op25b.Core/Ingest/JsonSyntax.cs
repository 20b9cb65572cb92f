using System.Buffers;
using System.Text.Json;

namespace Op25b.Core.Ingest;

/// <summary>Synchronous helpers for <see cref="JsonArrayBatchReader"/>: ref structs cannot live in its async body.</summary>
internal static class JsonSyntax
{
    public static ReadOnlySequence<byte> SkipWhitespace(ReadOnlySequence<byte> buffer)
    {
        long skipped = 0;
        foreach (var segment in buffer)
        {
            var at = segment.Span.IndexOfAnyExcept(" \t\r\n"u8);
            if (at >= 0)
                return buffer.Slice(skipped + at);
            skipped += segment.Length;
        }
        return buffer.Slice(buffer.End);
    }

    public static byte First(ReadOnlySequence<byte> buffer)
    {
        foreach (var segment in buffer)
            if (!segment.IsEmpty)
                return segment.Span[0];
        throw new InvalidOperationException("The buffer is empty.");
    }

    /// <summary>
    /// The length of the complete JSON value at the start of the buffer; 0 when more bytes are
    /// needed to finish it; or the syntax error that makes it unreadable.
    /// </summary>
    public static (long Length, string? Error) MeasureValue(ReadOnlySequence<byte> buffer)
    {
        // Never the final block: the array's closing bracket must still follow, so a value that
        // runs to the end of the body is a truncation, reported by the caller as such.
        var reader = new Utf8JsonReader(buffer, isFinalBlock: false, state: default);
        try
        {
            if (!reader.Read())
                return (0, null);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                return (0, null);
            return (reader.BytesConsumed, null);
        }
        catch (JsonException ex)
        {
            return (0, ex.Message);
        }
    }

    public static string Describe(byte b) => b is >= 0x20 and < 0x7F ? $"'{(char)b}'" : $"byte 0x{b:X2}";
}
