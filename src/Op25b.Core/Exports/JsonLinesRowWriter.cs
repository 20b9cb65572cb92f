using System.Text.Encodings.Web;
using System.Text.Json;

namespace Op25b.Core.Exports;

/// <summary>
/// JSON Lines: one object per row, keys are the column names, nulls written as null, LF after each
/// object. Japanese text stays readable (relaxed escaping): the file is data, never embedded in HTML.
/// </summary>
public sealed class JsonLinesRowWriter : ExportRowWriter
{
    private readonly Utf8JsonWriter _json;
    private readonly JsonEncodedText[] _names;

    public JsonLinesRowWriter(Stream output, IReadOnlyList<string> columns) : base(output, columns)
    {
        _json = new Utf8JsonWriter(Buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        _names = [.. columns.Select(c => JsonEncodedText.Encode(c, JavaScriptEncoder.UnsafeRelaxedJsonEscaping))];
    }

    public override void String(string? value)
    {
        var name = Name();
        if (value is null)
            _json.WriteNull(name);
        else
            _json.WriteString(name, value);
    }

    public override void Number(long value) => _json.WriteNumber(Name(), value);

    public override void Number(long? value)
    {
        if (value is { } v)
            Number(v);
        else
            _json.WriteNull(Name());
    }

    public override void Timestamp(DateTimeOffset? value) => String(value is { } v ? IsoUtc(v) : null);

    public override void Date(DateOnly value) => _json.WriteString(Name(), value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    protected override void FinishRow()
    {
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        Raw("\n"u8);
    }

    private JsonEncodedText Name()
    {
        if (Column == 0)
            _json.WriteStartObject();
        return _names[Column++];
    }
}
