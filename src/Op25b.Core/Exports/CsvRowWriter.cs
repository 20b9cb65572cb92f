using System.Buffers.Text;
using System.Text;

namespace Op25b.Core.Exports;

/// <summary>
/// RFC 4180: records end with CRLF; a field is enclosed in double quotes only when it contains a
/// comma, a double quote, CR or LF, and a quote inside is doubled. The first record is the header.
/// An optional UTF-8 byte-order mark makes Excel (Japanese locale) read the file as UTF-8 instead
/// of Shift_JIS; it is part of the file, so the manifest hash covers it.
/// With formula neutralisation (on by default; OWASP "CSV injection") a text cell that starts
/// with =, +, -, @, tab or CR gets a leading apostrophe, so a spreadsheet shows it as text instead
/// of running it: a display name <c>=HYPERLINK(…)</c> cannot become a link or a command.
/// Numbers and dates are written by their own methods and never changed.
/// </summary>
public sealed class CsvRowWriter : ExportRowWriter
{
    private static readonly System.Buffers.SearchValues<char> NeedsQuoting = System.Buffers.SearchValues.Create(",\"\r\n");
    private static readonly System.Buffers.SearchValues<char> FormulaStart = System.Buffers.SearchValues.Create("=+-@\t\r");

    private readonly bool _neutraliseFormulas;

    public CsvRowWriter(Stream output, IReadOnlyList<string> columns, bool byteOrderMark, bool neutraliseFormulas = true) : base(output, columns)
    {
        _neutraliseFormulas = neutraliseFormulas;
        if (byteOrderMark)
            Raw([0xEF, 0xBB, 0xBF]);
        foreach (var column in columns)
            String(column);
        FinishRow();
        Column = 0;
    }

    public override void String(string? value)
    {
        Separator();
        if (string.IsNullOrEmpty(value))
            return;
        if (_neutraliseFormulas && FormulaStart.Contains(value[0]))
            value = "'" + value;
        if (value.AsSpan().IndexOfAny(NeedsQuoting) < 0)
        {
            Utf8(value);
            return;
        }
        Raw("\""u8);
        var rest = value.AsSpan();
        for (var quote = rest.IndexOf('"'); quote >= 0; quote = rest.IndexOf('"'))
        {
            Utf8(rest[..(quote + 1)]);
            Raw("\""u8);
            rest = rest[(quote + 1)..];
        }
        Utf8(rest);
        Raw("\""u8);
    }

    public override void Number(long value)
    {
        Separator();
        var span = Buffer.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        Buffer.Advance(written);
    }

    public override void Number(long? value)
    {
        if (value is { } v)
            Number(v);
        else
            Separator();
    }

    public override void Timestamp(DateTimeOffset? value)
    {
        if (value is { } v)
            String(IsoUtc(v));
        else
            Separator();
    }

    public override void Date(DateOnly value)
    {
        Separator();
        var span = Buffer.GetSpan(10);
        value.TryFormat(span, out var written, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Buffer.Advance(written);
    }

    protected override void FinishRow() => Raw("\r\n"u8);

    private void Separator()
    {
        if (Column++ > 0)
            Raw(","u8);
    }

    private void Utf8(ReadOnlySpan<char> text)
    {
        var span = Buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        Buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
