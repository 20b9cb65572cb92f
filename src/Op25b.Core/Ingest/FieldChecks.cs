using System.Net;
using Op25b.Core.Addressing;

namespace Op25b.Core.Ingest;

/// <summary>The per-field rules of <see cref="IngestRecordValidator"/>; each records its own error.</summary>
internal sealed class FieldChecks(Dictionary<string, FieldValue> fields, List<string> errors)
{
    private FieldValue Get(string name) => fields.TryGetValue(name, out var value) ? value : FieldValue.Missing;

    public string? String(string name, int maxLength, bool required)
    {
        var value = Get(name);
        if (value.IsAbsent)
            return Required(name, required);
        if (value.Kind is not (FieldKind.String or FieldKind.Text))
            return Fail(name, $"expected a string, got {value.Kind.ToString().ToLowerInvariant()} {value.Text}");
        var text = value.Text.Trim();
        if (text.Length == 0)
            return Required(name, required);
        if (text.Length > maxLength)
            return Fail(name, $"is {text.Length} characters, at most {maxLength} allowed");
        return text;
    }

    public string? Choice(string name, string[] allowed)
    {
        var text = String(name, maxLength: 50, required: false);
        if (text is null || allowed.Contains(text))
            return text;
        return Fail(name, $"{IngestRecordValidator.Quote(text)} is not one of {string.Join(", ", allowed)}");
    }

    public int? Integer(string name, long min, long max, bool required, string rangeMessage)
    {
        var value = Get(name);
        if (value.IsAbsent)
        {
            Required(name, required);
            return null;
        }
        if (value.Kind is not (FieldKind.Number or FieldKind.Text))
        {
            Fail(name, $"expected an integer, got {value.Kind.ToString().ToLowerInvariant()} {IngestRecordValidator.Quote(value.Text)}");
            return null;
        }
        if (!IngestRecordValidator.TryParseInteger(value.Text.Trim(), out var number))
        {
            Fail(name, $"{IngestRecordValidator.Quote(value.Text)} is not an integer");
            return null;
        }
        if (number < min || number > max)
        {
            Fail(name, $"{number} {rangeMessage}");
            return null;
        }
        return (int)number;
    }

    public IPAddress? Address(string name)
    {
        var text = String(name, maxLength: 64, required: true);
        if (text is null)
            return null;
        // Shared with the exemption API: no inet_aton shorthand, no scope ids, mapped v6 becomes v4.
        if (PrefixParser.TryParseAddress(text, out var address, out _))
            return address;
        Fail(name, $"{IngestRecordValidator.Quote(text)} is not an IP address");
        return null;
    }

    public DateTimeOffset? Timestamp(string name)
    {
        var text = String(name, maxLength: 64, required: true);
        if (text is null)
            return null;
        if (Rfc3339.TryParse(text, out var value))
            return value;
        Fail(name, $"{IngestRecordValidator.Quote(text)} is not an RFC 3339 timestamp with an offset (e.g. 2026-05-01T12:00:00Z)");
        return null;
    }

    private string? Required(string name, bool required)
    {
        if (required)
            errors.Add($"{name}: required");
        return null;
    }

    private string? Fail(string name, string reason)
    {
        errors.Add($"{name}: {reason}");
        return null;
    }
}
