using System.Net;
using System.Text.Json;

namespace Op25b.Core.RuleSets.Rendering;

/// <summary>
/// Renders RFC 8519 ietf-access-control-list JSON (RFC 7951 encoding) for NETCONF/RESTCONF
/// devices. The model has no address sets, so every prefix is an ACE of its own; ACE names are
/// numbered per role so the same content always yields the same names.
/// </summary>
/// <remarks>
/// At 200k entries this is the largest artifact (about 30 MB): it is written straight to the
/// output stream, flushed every <see cref="FlushThreshold"/> bytes, with names, prefixes and
/// constant strings written as UTF-8 spans, so no string per ACE and no document in memory.
/// </remarks>
public sealed class IetfAclJsonRenderer : IRuleSetRenderer
{
    private const string Module = "ietf-access-control-list";
    private const int SmtpPort = 25;
    private const int TcpProtocol = 6;
    private const int FlushThreshold = 64 * 1024;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        // The structure below is fixed and golden-tested; validating it costs time on large sets.
        SkipValidation = true,
    };

    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Matches = JsonEncodedText.Encode("matches");
    private static readonly JsonEncodedText Protocol = JsonEncodedText.Encode("protocol");
    private static readonly JsonEncodedText Tcp = JsonEncodedText.Encode("tcp");
    private static readonly JsonEncodedText DestinationPort = JsonEncodedText.Encode("destination-port");
    private static readonly JsonEncodedText Operator = JsonEncodedText.Encode("operator");
    private static readonly JsonEncodedText Equal = JsonEncodedText.Encode("eq");
    private static readonly JsonEncodedText Port = JsonEncodedText.Encode("port");
    private static readonly JsonEncodedText Actions = JsonEncodedText.Encode("actions");
    private static readonly JsonEncodedText Forwarding = JsonEncodedText.Encode("forwarding");
    private static readonly JsonEncodedText Logging = JsonEncodedText.Encode("logging");
    private static readonly JsonEncodedText LogSyslog = JsonEncodedText.Encode($"{Module}:log-syslog");

    public Platform Platform => Platform.IetfAclJson;

    public string FileExtension => "json";

    public void Render(RuleSetContent content, Stream output)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(output);
        var verdict = Verdict(content.Policy);
        using (var json = new Utf8JsonWriter(output, Options))
        {
            json.WriteStartObject();
            json.WriteStartObject($"{Module}:acls");
            json.WriteStartArray("acl");
            foreach (var family in FamilyRules.Of(content))
                WriteAcl(json, family, verdict, content.Policy.Logging);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        output.WriteByte((byte)'\n');
    }

    /// <summary>One ACE per prefix plus the final permit-all, per family.</summary>
    public int ExpandedEntryCount(RuleSetContent content) =>
        content.Relays.Count + content.Exempt.Count + content.Pools.Count + 2;

    private static string Verdict(BlockingPolicy policy) => policy.Action switch
    {
        BlockAction.Drop => "drop",
        // RFC 8519 defines "reject" as drop plus an unreachable/reset sent back, left to the device.
        BlockAction.RejectTcpReset => "reject",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy.Action, null),
    };

    private static void WriteAcl(Utf8JsonWriter json, FamilyRules family, string verdict, bool log)
    {
        var ip = family.IsV6 ? "ipv6" : "ipv4";
        json.WriteStartObject();
        json.WriteString(Name, family.ListName);
        json.WriteString("type", $"{Module}:{ip}-acl-type");
        json.WriteStartObject("aces");
        json.WriteStartArray("ace");
        var ace = new AceShape(JsonEncodedText.Encode(ip), JsonEncodedText.Encode($"destination-{ip}-network"), JsonEncodedText.Encode($"source-{ip}-network"));
        var accept = JsonEncodedText.Encode($"{Module}:accept");
        for (var i = 0; i < family.Relays.Count; i++)
            WriteAce(json, "relay-"u8, i + 1, ace.Ip, ace.Destination, family.Relays[i], accept, log: false);
        for (var i = 0; i < family.Exempt.Count; i++)
            WriteAce(json, "exempt-"u8, i + 1, ace.Ip, ace.Source, family.Exempt[i].Prefix, accept, log: false);
        var deny = JsonEncodedText.Encode($"{Module}:{verdict}");
        for (var i = 0; i < family.Pools.Count; i++)
            WriteAce(json, "pool-"u8, i + 1, ace.Ip, ace.Source, family.Pools[i], deny, log);

        json.WriteStartObject();
        json.WriteString(Name, "permit-all");
        WriteActions(json, accept, log: false);
        json.WriteEndObject();

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The family's encoded names: the match container and its destination/source network leaves.</summary>
    private readonly record struct AceShape(JsonEncodedText Ip, JsonEncodedText Destination, JsonEncodedText Source);

    private static void WriteAce(Utf8JsonWriter json, ReadOnlySpan<byte> role, int number, JsonEncodedText ip, JsonEncodedText network,
        IPNetwork prefix, JsonEncodedText forwarding, bool log)
    {
        Span<byte> utf8 = stackalloc byte[64];
        json.WriteStartObject();
        role.CopyTo(utf8);
        number.TryFormat(utf8[role.Length..], out var digits, provider: System.Globalization.CultureInfo.InvariantCulture);
        json.WriteString(Name, utf8[..(role.Length + digits)]);
        json.WriteStartObject(Matches);
        json.WriteStartObject(ip);
        // Protocol set explicitly: some servers do not infer it from the presence of the tcp container.
        json.WriteNumber(Protocol, TcpProtocol);
        if (prefix.TryFormat(utf8, out var written))
            json.WriteString(network, utf8[..written]);
        else
            json.WriteString(network, prefix.ToString());
        json.WriteEndObject();
        json.WriteStartObject(Tcp);
        json.WriteStartObject(DestinationPort);
        json.WriteString(Operator, Equal);
        json.WriteNumber(Port, SmtpPort);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        WriteActions(json, forwarding, log);
        json.WriteEndObject();
        if (json.BytesPending > FlushThreshold)
            json.Flush();
    }

    private static void WriteActions(Utf8JsonWriter json, JsonEncodedText forwarding, bool log)
    {
        json.WriteStartObject(Actions);
        json.WriteString(Forwarding, forwarding);
        if (log)
            json.WriteString(Logging, LogSyslog);
        json.WriteEndObject();
    }
}
