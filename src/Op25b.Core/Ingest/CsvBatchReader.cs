using System.Runtime.CompilerServices;
using System.Text;

namespace Op25b.Core.Ingest;

/// <summary>
/// RFC 4180 CSV whose first record names the columns (the JSON field names, any order). Rows
/// are validated against that header; a header that cannot be trusted ends the batch, since
/// every row would be misread.
/// </summary>
public sealed class CsvBatchReader : IIngestBatchReader
{
    public const int MaxRecordChars = 64 * 1024;

    public async IAsyncEnumerable<IngestLine> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken ct)
    {
        using var text = new StreamReader(body, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false,
            bufferSize: 16 * 1024, leaveOpen: true);
        var parser = new CsvRecordParser(MaxRecordChars);
        var chunk = new char[8 * 1024];
        string[]? header = null;
        while (true)
        {
            var count = await text.ReadAsync(chunk.AsMemory(), ct);
            foreach (var record in count == 0 ? parser.Finish() : parser.Feed(chunk, count))
            {
                if (header is not null)
                {
                    yield return Row(record, header);
                    continue;
                }
                var error = CsvHeader.TryRead(record, out header);
                if (error is not null)
                {
                    yield return IngestLine.Invalid(record.LineNumber, record.Raw, error);
                    yield break;
                }
            }
            if (count == 0)
                yield break;
        }
    }

    private static IngestLine Row(CsvRecord record, string[] header)
    {
        if (record.Error is not null)
            return IngestLine.Invalid(record.LineNumber, record.Raw, record.Error);
        if (record.Fields.Count != header.Length)
            return IngestLine.Invalid(record.LineNumber, record.Raw,
                $"row: has {record.Fields.Count} fields, the header has {header.Length}");

        var fields = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
            fields[header[i]] = record.Fields[i];
        return IngestRecordValidator.TryValidate(fields, out var attempt, out var error)
            ? IngestLine.Valid(record.LineNumber, record.Raw, attempt)
            : IngestLine.Invalid(record.LineNumber, record.Raw, error);
    }
}
