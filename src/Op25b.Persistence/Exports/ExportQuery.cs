using System.Globalization;
using System.Text.Json;

namespace Op25b.Persistence.Exports;

/// <summary>
/// The parameters any export type may take; each type says which it needs. Kept as one record
/// so the manifest, the stored request and the job all carry the same canonical form.
/// </summary>
public sealed record ExportQuery(
    DateTimeOffset? At = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Router = null,
    string? Subscriber = null,
    long? ThroughSequence = null)
{
    /// <summary>Non-empty parameters by name, sorted, instants in UTC ISO 8601: what the manifest shows.</summary>
    public IReadOnlyDictionary<string, string> ToParameters()
    {
        var p = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (At is { } at) p["at"] = Iso(at);
        if (From is { } from) p["from"] = Iso(from);
        if (To is { } to) p["to"] = Iso(to);
        if (Router is { } router) p["router"] = router;
        if (Subscriber is { } subscriber) p["subscriber"] = subscriber;
        if (ThroughSequence is { } through) p["throughSequence"] = through.ToString(CultureInfo.InvariantCulture);
        return p;
    }

    public string ToJson() => JsonSerializer.Serialize(ToParameters());

    public static ExportQuery FromJson(string json)
    {
        var p = JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        return new ExportQuery(
            Instant(p, "at"), Instant(p, "from"), Instant(p, "to"),
            p.GetValueOrDefault("router"), p.GetValueOrDefault("subscriber"),
            p.TryGetValue("throughSequence", out var s) ? long.Parse(s, CultureInfo.InvariantCulture) : null);
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Instant(Dictionary<string, string> p, string name) =>
        p.TryGetValue(name, out var s) ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;
}
