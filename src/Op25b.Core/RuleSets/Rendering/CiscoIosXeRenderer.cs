using System.Net;

namespace Op25b.Core.RuleSets.Rendering;

/// <summary>
/// Renders the OP25B section of an IOS-XE configuration: network object groups per list and
/// family, and the extended ACLs OP25B-V4 / OP25B-V6 that reference them.
/// </summary>
public sealed class CiscoIosXeRenderer : IRuleSetRenderer
{
    public Platform Platform => Platform.CiscoIosXe;

    public string FileExtension => "cfg";

    public void Render(RuleSetContent content, Stream output)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var cfg = new ConfigWriter(output, " ");
        cfg.Line($"! OP25B rule set for group {ConfigText.CommentSafe(content.RouterGroup)} (Cisco IOS-XE)")
            .Line("! The whole OP25B section: object groups OP25B-*-V4/-V6 and access lists OP25B-V4, OP25B-V6.")
            .Line("! Apply it as a section replacement: put it in place of the current OP25B section of the")
            .Line("! running configuration and load the result with \"configure replace <file> revert trigger")
            .Line("! error timer <minutes>\", then \"configure confirm\". Do not paste it as a merge: object groups")
            .Line("! and ACLs merge entry by entry, so entries removed here would stay on the router.")
            .Line("!");
        CiscoObjectGroups.Write(cfg, content, WriteGroup, WriteAcl);
    }

    public int ExpandedEntryCount(RuleSetContent content) => ObjectGroupExpansion.Count(content);

    private static void WriteGroup(ConfigWriter cfg, string role, FamilyRules family, int count, Func<int, IPNetwork> prefix)
    {
        // IOS-XE keeps IPv6 in its own object-group type; "object-group network" is IPv4 only.
        cfg.Line($"object-group {(family.IsV6 ? "v6-network" : "network")} {GroupName(role, family)}");
        if (count == 0)
            cfg.Line(1, $"description {Placeholder.Reason}")
                .Indent(1).Entry(Placeholder.For(family.IsV6));
        for (var i = 0; i < count; i++)
            cfg.Indent(1).Entry(prefix(i));
        cfg.Line("!");
    }

    private static void WriteAcl(ConfigWriter cfg, FamilyRules family, BlockingPolicy policy)
    {
        if (policy.Action == BlockAction.RejectTcpReset)
            cfg.Line("! Reject with TCP reset was asked for, but an IOS ACL cannot send a TCP reset (a deny")
                .Line("! sends at most an ICMP unreachable), so the deny below drops.");
        var log = policy.Logging ? " log" : "";
        cfg.Line(family.IsV6 ? $"ipv6 access-list {family.ListName}" : $"ip access-list extended {family.ListName}")
            .Line(1, $"permit tcp any object-group {GroupName("RELAYS", family)} eq smtp")
            .Line(1, $"permit tcp object-group {GroupName("EXEMPT", family)} any eq smtp")
            .Line(1, $"deny tcp object-group {GroupName("POOLS", family)} any eq smtp{log}")
            .Line(1, family.IsV6 ? "permit ipv6 any any" : "permit ip any any")
            .Line("!");
    }

    private static string GroupName(string role, FamilyRules family) => $"OP25B-{role}-{family.Suffix}";
}

internal static class IosXeObjectGroupEntry
{
    private static readonly string[] Netmasks = [.. Enumerable.Range(0, 33).Select(Netmask)];

    /// <summary>
    /// IPv4 object-group entries take a subnet mask, not the wildcard mask of ACL lines (a
    /// classic mistake of ACL generators); IPv6 entries take prefix notation.
    /// </summary>
    public static ConfigWriter Entry(this ConfigWriter cfg, IPNetwork prefix)
    {
        var v6 = prefix.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        if (prefix.PrefixLength == (v6 ? 128 : 32))
            return cfg.Text("host ").Address(prefix.BaseAddress).End();
        return v6 ? cfg.Prefix(prefix).End() : cfg.Address(prefix.BaseAddress).Text(" ").Text(Netmasks[prefix.PrefixLength]).End();
    }

    private static string Netmask(int length)
    {
        var mask = length == 0 ? 0u : uint.MaxValue << (32 - length);
        return new IPAddress([(byte)(mask >> 24), (byte)(mask >> 16), (byte)(mask >> 8), (byte)mask]).ToString();
    }
}
