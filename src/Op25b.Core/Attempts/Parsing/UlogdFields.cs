using System.Net;
using System.Text.Json;

namespace Op25b.Core.Attempts.Parsing;

/// <summary>Typed reads of a ulogd record's flat fields; every error names the field.</summary>
internal readonly struct UlogdFields(JsonElement root)
{
    public bool Has(string name) => root.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null;

    public string? String(string name, out string value)
    {
        value = "";
        if (!root.TryGetProperty(name, out var element))
            return $"missing field '{name}'";
        if (element.ValueKind != JsonValueKind.String)
            return $"field '{name}' must be a string";
        value = element.GetString() ?? "";
        return null;
    }

    public string? Integer(string name, long min, long max, out long value)
    {
        value = 0;
        if (!root.TryGetProperty(name, out var element))
            return $"missing field '{name}'";
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out value))
            return $"field '{name}' must be an integer";
        if (value < min || value > max)
            return $"field '{name}' value {value} is outside {min}-{max}";
        return null;
    }

    public string? Address(string name, out IPAddress value)
    {
        value = IPAddress.None;
        if (String(name, out var text) is { } error)
            return error;
        return FieldReaders.TryAddress(text, out value) ? null : $"field '{name}' is not an IP address";
    }
}
