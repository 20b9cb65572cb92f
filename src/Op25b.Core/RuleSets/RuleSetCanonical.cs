using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Op25b.Core.RuleSets;

/// <summary>
/// The one text form of a rule set that is stored and hashed: compact JSON with a fixed property
/// order, prefixes as strings and enum values as fixed kebab-case names. The hash is what proves
/// which rule set was live on a router, so the text must never depend on serializer settings,
/// culture or member names: it is written by hand, and any change to it is a new format number.
/// </summary>
/// <remarks>Lists are written in the order given; <see cref="RuleSetCompiler"/> produces them aggregated and sorted.</remarks>
public static class RuleSetCanonical
{
    public const int Format = 1;

    public static string Serialize(RuleSetContent content) => Encoding.UTF8.GetString(Write(content).WrittenSpan);

    /// <summary>The canonical text and its hash from one serialization (a million-entry set is tens of megabytes).</summary>
    public static (string Text, string Hash) SerializeAndHash(RuleSetContent content)
    {
        var buffer = Write(content);
        return (Encoding.UTF8.GetString(buffer.WrittenSpan), Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan)));
    }

    private static ArrayBufferWriter<byte> Write(RuleSetContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024 + (content.Pools.Count + content.Exempt.Count * 2) * 32);
        // Validation off: the structure below is fixed; it only costs time on large sets.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("format", Format);
            json.WriteString("routerGroup", content.RouterGroup);
            WritePolicy(json, content.Policy);
            WritePrefixes(json, "relays", content.Relays);
            json.WriteStartArray("exempt");
            foreach (var entry in content.Exempt)
            {
                json.WriteStartObject();
                json.WritePropertyName("prefix");
                WritePrefix(json, entry.Prefix);
                json.WriteStartArray("exemptionIds");
                foreach (var id in entry.ExemptionIds)
                    json.WriteNumberValue(id);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WritePrefixes(json, "pools", content.Pools);
            json.WriteEndObject();
        }
        return buffer;
    }

    /// <summary>Formats straight into UTF-8: no string per prefix.</summary>
    private static void WritePrefix(Utf8JsonWriter json, IPNetwork prefix)
    {
        Span<byte> utf8 = stackalloc byte[64];
        if (prefix.TryFormat(utf8, out var written))
            json.WriteStringValue(utf8[..written]);
        else
            json.WriteStringValue(prefix.ToString());
    }

    /// <summary>
    /// Reads canonical text back. Text that parses but is not exactly canonical (other spacing,
    /// order or spelling) is refused: its hash would not identify the content it describes.
    /// </summary>
    /// <exception cref="FormatException">The text is not a canonical rule set.</exception>
    public static RuleSetContent Parse(string canonicalText)
    {
        ArgumentNullException.ThrowIfNull(canonicalText);
        RuleSetContent content;
        try
        {
            using var document = JsonDocument.Parse(canonicalText);
            content = Read(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new FormatException($"Not a canonical rule set: {e.Message}", e);
        }
        if (Serialize(content) != canonicalText)
            throw new FormatException("The rule set text is valid JSON but not in canonical form.");
        return content;
    }

    /// <summary>Lowercase hex SHA-256 of the UTF-8 canonical text.</summary>
    public static string Hash(string canonicalText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalText)));

    public static string ActionName(BlockAction action) => action switch
    {
        BlockAction.Drop => "drop",
        BlockAction.RejectTcpReset => "reject-tcp-reset",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown block action."),
    };

    private static void WritePolicy(Utf8JsonWriter json, BlockingPolicy policy)
    {
        json.WriteStartObject("policy");
        json.WriteString("action", ActionName(policy.Action));
        json.WriteBoolean("logging", policy.Logging);
        json.WriteNumber("nflogGroup", policy.NflogGroup);
        json.WriteString("logPrefix", policy.LogPrefix);
        json.WriteNumber("logRatePerSecond", policy.LogRatePerSecond);
        json.WriteEndObject();
    }

    private static void WritePrefixes(Utf8JsonWriter json, string name, IReadOnlyList<IPNetwork> prefixes)
    {
        json.WriteStartArray(name);
        foreach (var prefix in prefixes)
            WritePrefix(json, prefix);
        json.WriteEndArray();
    }

    private static RuleSetContent Read(JsonElement root)
    {
        if (root.GetProperty("format").GetInt32() != Format)
            throw new InvalidOperationException($"Only format {Format} is known.");
        var policy = root.GetProperty("policy");
        return new RuleSetContent(
            RequiredString(root.GetProperty("routerGroup")),
            new BlockingPolicy(
                ReadAction(policy.GetProperty("action").GetString()),
                policy.GetProperty("logging").GetBoolean(),
                policy.GetProperty("nflogGroup").GetInt32(),
                RequiredString(policy.GetProperty("logPrefix")),
                policy.GetProperty("logRatePerSecond").GetInt32()),
            ReadPrefixes(root.GetProperty("relays")),
            [.. root.GetProperty("exempt").EnumerateArray().Select(e => new ExemptEntry(
                ReadPrefix(e.GetProperty("prefix")),
                [.. e.GetProperty("exemptionIds").EnumerateArray().Select(id => id.GetInt64())]))],
            ReadPrefixes(root.GetProperty("pools")));
    }

    private static string RequiredString(JsonElement element) =>
        element.GetString() ?? throw new InvalidOperationException("A required string is null.");

    private static BlockAction ReadAction(string? name) => name switch
    {
        "drop" => BlockAction.Drop,
        "reject-tcp-reset" => BlockAction.RejectTcpReset,
        _ => throw new InvalidOperationException($"'{name}' is not a block action."),
    };

    private static IReadOnlyList<IPNetwork> ReadPrefixes(JsonElement array) => [.. array.EnumerateArray().Select(ReadPrefix)];

    private static IPNetwork ReadPrefix(JsonElement element) =>
        IPNetwork.TryParse(element.GetString(), out var prefix)
            ? prefix
            : throw new InvalidOperationException($"'{element.GetString()}' is not a prefix.");
}
