using System.Buffers;

namespace Op25b.Core.Exports;

/// <summary>
/// Writes rows of typed fields straight into a pre-sized UTF-8 buffer and hands full buffers
/// to the output stream, so the writer holds one buffer however many rows pass through it.
/// Fields are written in column order; <see cref="EndRow"/> closes a row.
/// </summary>
public abstract class ExportRowWriter(Stream output, IReadOnlyList<string> columns)
{
    /// <summary>Flush threshold: large enough that stream writes are few, small enough to stay in L2.</summary>
    protected const int FlushAt = 64 * 1024;

    protected ArrayBufferWriter<byte> Buffer { get; } = new(FlushAt + 16 * 1024);
    protected IReadOnlyList<string> Columns { get; } = columns;
    protected int Column { get; set; }

    public long Rows { get; private set; }

    /// <param name="neutraliseFormulas">CSV only: prefix text cells a spreadsheet would run as a formula (see <see cref="CsvRowWriter"/>).</param>
    public static ExportRowWriter Create(ExportFormat format, Stream output, IReadOnlyList<string> columns, bool byteOrderMark = false,
        bool neutraliseFormulas = true) =>
        format switch
        {
            ExportFormat.Csv => new CsvRowWriter(output, columns, byteOrderMark, neutraliseFormulas),
            ExportFormat.JsonLines => new JsonLinesRowWriter(output, columns),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };

    public abstract void String(string? value);
    public abstract void Number(long value);
    public abstract void Number(long? value);

    /// <summary>Instants are written in UTC, ISO 8601 with a Z: unambiguous in every spreadsheet locale.</summary>
    public abstract void Timestamp(DateTimeOffset? value);
    public abstract void Date(DateOnly value);

    public void EndRow()
    {
        if (Column != Columns.Count)
            throw new InvalidOperationException($"A row has {Column} fields; the export has {Columns.Count} columns.");
        FinishRow();
        Column = 0;
        Rows++;
    }

    protected abstract void FinishRow();

    /// <summary>Call between rows: writes the buffer out once it is full enough.</summary>
    public ValueTask FlushIfFullAsync(CancellationToken ct) =>
        Buffer.WrittenCount >= FlushAt ? FlushAsync(ct) : ValueTask.CompletedTask;

    public async ValueTask FlushAsync(CancellationToken ct)
    {
        if (Buffer.WrittenCount > 0)
        {
            await output.WriteAsync(Buffer.WrittenMemory, ct);
            Buffer.ResetWrittenCount();
        }
        await output.FlushAsync(ct);
    }

    protected void Raw(ReadOnlySpan<byte> bytes) => Buffer.Write(bytes);

    protected static string IsoUtc(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
