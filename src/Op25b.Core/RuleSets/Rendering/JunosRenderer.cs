using System.Net;

namespace Op25b.Core.RuleSets.Rendering;

/// <summary>
/// Renders Junos curly-brace configuration: prefix lists under policy-options and the filters
/// OP25B-V4 (family inet) / OP25B-V6 (family inet6) that reference them. The lists are separate
/// from the filters, so a change of exemptions touches only list entries.
/// </summary>
public sealed class JunosRenderer : IRuleSetRenderer
{
    private const int TermsPerFamily = 4;

    public Platform Platform => Platform.Junos;

    public string FileExtension => "conf";

    public void Render(RuleSetContent content, Stream output)
    {
        ArgumentNullException.ThrowIfNull(content);
        var families = FamilyRules.Of(content);
        using var conf = new ConfigWriter(output, "    ");
        conf.Line($"# OP25B rule set for group {ConfigText.CommentSafe(content.RouterGroup)} (Junos)")
            .Line("# Load with \"load replace <file>\": each \"replace:\" tag swaps that prefix list or filter")
            .Line("# whole and leaves the rest of the configuration alone. Then \"commit confirmed <minutes>\"")
            .Line("# and, once traffic is checked, \"commit\". \"#\" lines are dropped on load; /* */ comments")
            .Line("# stay on the router as annotations, so each exempt prefix keeps its exemption ids.")
            .Line("policy-options {");
        foreach (var family in families)
        {
            WritePrefixList(conf, "RELAYS", family, family.Relays.Count, i => (family.Relays[i], ""));
            WritePrefixList(conf, "EXEMPT", family, family.Exempt.Count, i => (family.Exempt[i].Prefix, family.Provenance(i)));
            WritePrefixList(conf, "POOLS", family, family.Pools.Count, i => (family.Pools[i], ""));
        }
        conf.Line("}").Line("firewall {");
        foreach (var family in families)
            WriteFilter(conf, family, content.Policy);
        conf.Line("}");
    }

    public int ExpandedEntryCount(RuleSetContent content) =>
        FamilyRules.Of(content).Sum(f =>
            Placeholder.EntryCount(f.Relays.Count) + Placeholder.EntryCount(f.Exempt.Count) + Placeholder.EntryCount(f.Pools.Count)
            + TermsPerFamily);

    private static void WritePrefixList(ConfigWriter conf, string role, FamilyRules family, int count, Func<int, (IPNetwork Prefix, string Annotation)> entry)
    {
        conf.Line(1, "replace:").Line(1, $"prefix-list {ListName(role, family)} {{");
        if (count == 0)
            WriteEntry(conf, Placeholder.For(family.IsV6), Placeholder.Reason);
        for (var i = 0; i < count; i++)
        {
            var (prefix, annotation) = entry(i);
            WriteEntry(conf, prefix, annotation);
        }
        conf.Line(1, "}");
    }

    private static void WriteEntry(ConfigWriter conf, IPNetwork prefix, string annotation)
    {
        if (annotation.Length > 0)
            conf.Indent(2).Text("/* ").Text(annotation).Text(" */").End();
        conf.Indent(2).Prefix(prefix).Text(";").End();
    }

    private static void WriteFilter(ConfigWriter conf, FamilyRules family, BlockingPolicy policy)
    {
        // inet6 filters match the protocol with next-header; "protocol" exists only in family inet.
        var protocol = family.IsV6 ? "next-header tcp;" : "protocol tcp;";
        conf.Line(1, $"family {(family.IsV6 ? "inet6" : "inet")} {{")
            .Line(2, "replace:")
            .Line(2, $"filter {family.ListName} {{");
        WriteTerm(conf, "relays", $"destination-prefix-list {ListName("RELAYS", family)};", protocol, ["accept"]);
        WriteTerm(conf, "exempt", $"source-prefix-list {ListName("EXEMPT", family)};", protocol, ["accept"]);
        WriteTerm(conf, "deny", $"source-prefix-list {ListName("POOLS", family)};", protocol, DenyActions(policy));
        conf.Line(3, "term default {")
            .Line(4, "then accept;")
            .Line(3, "}")
            .Line(2, "}")
            .Line(1, "}");
    }

    private static void WriteTerm(ConfigWriter conf, string name, string prefixMatch, string protocol, IReadOnlyList<string> actions)
    {
        conf.Line(3, $"term {name} {{")
            .Line(4, "from {")
            .Line(5, prefixMatch)
            .Line(5, protocol)
            .Line(5, "destination-port 25;")
            .Line(4, "}");
        if (actions.Count == 1)
            conf.Line(4, $"then {actions[0]};");
        else
        {
            conf.Line(4, "then {");
            foreach (var action in actions)
                conf.Line(5, $"{action};");
            conf.Line(4, "}");
        }
        conf.Line(3, "}");
    }

    private static List<string> DenyActions(BlockingPolicy policy)
    {
        // "syslog" is what makes the PFE emit PFE_FW_SYSLOG_IP lines for the attempt parser.
        var actions = policy.Logging ? new List<string> { "syslog" } : [];
        actions.Add(policy.Action switch
        {
            BlockAction.Drop => "discard",
            BlockAction.RejectTcpReset => "reject tcp-reset",
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy.Action, null),
        });
        return actions;
    }

    private static string ListName(string role, FamilyRules family) => $"OP25B-{role}-{family.Suffix}";
}
