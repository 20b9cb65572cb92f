using System.Net;

namespace Op25b.Core.RuleSets.Rendering;

/// <summary>
/// Renders the OP25B section of an IOS-XR configuration: per-family network object groups and
/// the ACLs OP25B-V4 / OP25B-V6 referencing them with net-group. With "compress level 3" on an
/// NCS5500 the groups stay compressed in external TCAM; without it they are expanded.
/// </summary>
public sealed class CiscoIosXrRenderer : IRuleSetRenderer
{
    public Platform Platform => Platform.CiscoIosXr;

    public string FileExtension => "cfg";

    public void Render(RuleSetContent content, Stream output)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var cfg = new ConfigWriter(output, " ");
        cfg.Line($"! OP25B rule set for group {ConfigText.CommentSafe(content.RouterGroup)} (Cisco IOS-XR)")
            .Line("! The whole OP25B section: object groups OP25B-*-V4/-V6 and access lists OP25B-V4, OP25B-V6.")
            .Line("! Apply it as a section replacement in one configuration session: remove the current OP25B")
            .Line("! object groups and ACLs, load this file, review \"show commit changes diff\", then")
            .Line("! \"commit confirmed\". XR commits the session's target configuration as one change, so only")
            .Line("! the difference reaches the line cards. Loaded as a plain merge, removed entries would stay.")
            .Line("!");
        CiscoObjectGroups.Write(cfg, content, WriteGroup, WriteAcl);
    }

    public int ExpandedEntryCount(RuleSetContent content) => ObjectGroupExpansion.Count(content);

    private static void WriteGroup(ConfigWriter cfg, string role, FamilyRules family, int count, Func<int, IPNetwork> prefix)
    {
        cfg.Line($"object-group network {(family.IsV6 ? "ipv6" : "ipv4")} {GroupName(role, family)}");
        if (count == 0)
            cfg.Line(1, $"description {Placeholder.Reason}")
                .Line(1, Placeholder.For(family.IsV6).ToString());
        // XR takes prefix notation for both families (A.B.C.D/length, X:X::X/length).
        for (var i = 0; i < count; i++)
            cfg.Indent(1).Prefix(prefix(i)).End();
        cfg.Line("!");
    }

    private static void WriteAcl(ConfigWriter cfg, FamilyRules family, BlockingPolicy policy)
    {
        if (policy.Action == BlockAction.RejectTcpReset)
            cfg.Line("! Reject with TCP reset was asked for, but an IOS-XR ACL cannot send a TCP reset (a deny")
                .Line("! sends at most an ICMP unreachable), so the deny below drops.");
        var log = policy.Logging ? " log" : "";
        var any = family.IsV6 ? "ipv6" : "ipv4";
        // Explicit sequence numbers: XR edits and reports ACEs by number, and gaps of ten leave
        // room for an operator's temporary entry without renumbering.
        cfg.Line($"{any} access-list {family.ListName}")
            .Line(1, $"10 permit tcp any net-group {GroupName("RELAYS", family)} eq smtp")
            .Line(1, $"20 permit tcp net-group {GroupName("EXEMPT", family)} any eq smtp")
            .Line(1, $"30 deny tcp net-group {GroupName("POOLS", family)} any eq smtp{log}")
            .Line(1, $"40 permit {any} any any")
            .Line("!");
    }

    private static string GroupName(string role, FamilyRules family) => $"OP25B-{role}-{family.Suffix}";
}
