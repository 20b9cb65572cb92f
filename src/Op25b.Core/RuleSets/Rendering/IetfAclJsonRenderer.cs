using System.Net;
using System.Text;
using System.Text.Json;

namespace Op25b.Core.RuleSets.Rendering;

/// <summary>
/// Renders RFC 8519 ietf-access-control-list JSON (RFC 7951 encoding) for NETCONF/RESTCONF
/// devices. The model has no address sets, so every prefix is an ACE of its own; ACE names are
/// numbered per role so the same content always yields the same names.
/// </summary>
public sealed class IetfAclJsonRenderer : IRuleSetRenderer
{
    private const string Module = "ietf-access-control-list";
    private const int SmtpPort = 25;
    private const int TcpProtocol = 6;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
    };

    public Platform Platform => Platform.IetfAclJson;

    public string FileExtension => "json";

    public string Render(RuleSetContent content)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteStartObject($"{Module}:acls");
            json.WriteStartArray("acl");
            foreach (var family in FamilyRules.Of(content))
                WriteAcl(json, family, content.Policy);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>One ACE per prefix plus the final permit-all, per family.</summary>
    public int ExpandedEntryCount(RuleSetContent content) =>
        content.Relays.Count + content.Exempt.Count + content.Pools.Count + 2;

    private static void WriteAcl(Utf8JsonWriter json, FamilyRules family, BlockingPolicy policy)
    {
        json.WriteStartObject();
        json.WriteString("name", family.ListName);
        json.WriteString("type", $"{Module}:{(family.IsV6 ? "ipv6" : "ipv4")}-acl-type");
        json.WriteStartObject("aces");
        json.WriteStartArray("ace");
        var number = 0;
        foreach (var relay in family.Relays)
            WriteAce(json, $"relay-{++number}", family, "destination", relay, "accept", log: false);
        number = 0;
        foreach (var exempt in family.Exempt)
            WriteAce(json, $"exempt-{++number}", family, "source", exempt.Prefix, "accept", log: false);
        number = 0;
        var verdict = policy.Action switch
        {
            BlockAction.Drop => "drop",
            // RFC 8519 defines "reject" as drop plus an unreachable/reset sent back, left to the device.
            BlockAction.RejectTcpReset => "reject",
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy.Action, null),
        };
        foreach (var pool in family.Pools)
            WriteAce(json, $"pool-{++number}", family, "source", pool, verdict, policy.Logging);

        json.WriteStartObject();
        json.WriteString("name", "permit-all");
        WriteActions(json, "accept", log: false);
        json.WriteEndObject();

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteAce(Utf8JsonWriter json, string name, FamilyRules family, string direction, IPNetwork prefix, string forwarding, bool log)
    {
        var ip = family.IsV6 ? "ipv6" : "ipv4";
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteStartObject("matches");
        json.WriteStartObject(ip);
        // Protocol set explicitly: some servers do not infer it from the presence of the tcp container.
        json.WriteNumber("protocol", TcpProtocol);
        json.WriteString($"{direction}-{ip}-network", prefix.ToString());
        json.WriteEndObject();
        json.WriteStartObject("tcp");
        json.WriteStartObject("destination-port");
        json.WriteString("operator", "eq");
        json.WriteNumber("port", SmtpPort);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        WriteActions(json, forwarding, log);
        json.WriteEndObject();
    }

    private static void WriteActions(Utf8JsonWriter json, string forwarding, bool log)
    {
        json.WriteStartObject("actions");
        json.WriteString("forwarding", $"{Module}:{forwarding}");
        if (log)
            json.WriteString("logging", $"{Module}:log-syslog");
        json.WriteEndObject();
    }
}
