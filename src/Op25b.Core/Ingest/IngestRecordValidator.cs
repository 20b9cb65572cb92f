using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Op25b.Core.Ingest;

/// <summary>
/// Turns one record's fields, from JSON or CSV, into an <see cref="IngestAttempt"/> or an error
/// that names each offending field, so a client can fix its exporter without guessing.
/// </summary>
public static class IngestRecordValidator
{
    public static bool TryValidate(JsonElement record,
        [NotNullWhen(true)] out IngestAttempt? attempt, [NotNullWhen(false)] out string? error)
    {
        attempt = null;
        if (record.ValueKind != JsonValueKind.Object)
        {
            error = $"record: expected a JSON object, got {Describe(record.ValueKind)}";
            return false;
        }

        var fields = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var property in record.EnumerateObject())
        {
            if (!IngestFields.All.Contains(property.Name))
                errors.Add($"{property.Name}: unknown field");
            else if (!fields.TryAdd(property.Name, FromJson(property.Value)))
                errors.Add($"{property.Name}: given more than once");
        }

        return Finish(Validate(fields, errors), errors, out attempt, out error);
    }

    /// <summary>Validates text fields (a CSV row); an empty value counts as absent.</summary>
    public static bool TryValidate(IReadOnlyDictionary<string, string> record,
        [NotNullWhen(true)] out IngestAttempt? attempt, [NotNullWhen(false)] out string? error)
    {
        var fields = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var (name, text) in record)
        {
            if (!IngestFields.All.Contains(name))
                errors.Add($"{name}: unknown field");
            else if (text.Length > 0)
                fields[name] = new FieldValue(FieldKind.Text, text);
        }

        return Finish(Validate(fields, errors), errors, out attempt, out error);
    }

    private static bool Finish(IngestAttempt? candidate, List<string> errors,
        [NotNullWhen(true)] out IngestAttempt? attempt, [NotNullWhen(false)] out string? error)
    {
        if (errors.Count > 0 || candidate is null)
        {
            attempt = null;
            error = string.Join("; ", errors);
            return false;
        }
        attempt = candidate;
        error = null;
        return true;
    }

    private static IngestAttempt? Validate(Dictionary<string, FieldValue> fields, List<string> errors)
    {
        var check = new FieldChecks(fields, errors);
        var occurredAt = check.Timestamp(IngestFields.OccurredAt);
        var router = check.String(IngestFields.Router, maxLength: 100, required: true);
        var sourceIp = check.Address(IngestFields.SourceIp);
        var sourcePort = check.Integer(IngestFields.SourcePort, 0, 65535, required: false, "is not a port (0–65535)");
        var destinationIp = check.Address(IngestFields.DestinationIp);
        var destinationPort = check.Integer(IngestFields.DestinationPort, 1, 65535, required: true, "is not a port (1–65535)");
        var protocol = check.String(IngestFields.Protocol, maxLength: 16, required: false)?.ToLowerInvariant() ?? "tcp";
        var packets = check.Integer(IngestFields.Packets, 1, int.MaxValue, required: false, "is not a packet count (≥ 1)") ?? 1;
        var action = check.Choice(IngestFields.Action, ["dropped", "rejected", "permitted"]) ?? "dropped";
        var eventId = check.String(IngestFields.EventId, maxLength: 200, required: false);

        // A v4 source talking to a v6 destination cannot be one flow; the pair is a client bug.
        if (sourceIp is not null && destinationIp is not null && sourceIp.AddressFamily != destinationIp.AddressFamily)
            errors.Add($"{IngestFields.DestinationIp}: '{destinationIp}' is not the same address family as sourceIp '{sourceIp}'");

        if (errors.Count > 0)
            return null;
        return new IngestAttempt(occurredAt!.Value, router!, sourceIp!, sourcePort, destinationIp!, destinationPort!.Value,
            protocol, packets, action, eventId);
    }

    private static FieldValue FromJson(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new FieldValue(FieldKind.String, value.GetString()!),
        JsonValueKind.Number => new FieldValue(FieldKind.Number, value.GetRawText()),
        JsonValueKind.Null => new FieldValue(FieldKind.Null, "null"),
        _ => new FieldValue(FieldKind.Other, Describe(value.ValueKind)),
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    internal static string Quote(string text) =>
        "'" + (text.Length > 60 ? text[..60] + "…" : text) + "'";

    internal static bool TryParseInteger(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
