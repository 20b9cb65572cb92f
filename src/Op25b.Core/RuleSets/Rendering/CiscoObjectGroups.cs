using System.Net;

namespace Op25b.Core.RuleSets.Rendering;

/// <summary>
/// The section order both Cisco platforms share, per family: the relay group, a comment per
/// exempt prefix naming its exemptions (IOS object-group entries take no remark), the exempt and
/// pool groups, then the ACL that references them. Entry syntax differs, so the groups and the
/// ACL are written by the platform.
/// </summary>
internal static class CiscoObjectGroups
{
    public delegate void GroupWriter(ConfigWriter cfg, string role, FamilyRules family, int count, Func<int, IPNetwork> prefix);

    public static void Write(ConfigWriter cfg, RuleSetContent content, GroupWriter writeGroup, Action<ConfigWriter, FamilyRules, BlockingPolicy> writeAcl)
    {
        foreach (var family in FamilyRules.Of(content))
        {
            writeGroup(cfg, "RELAYS", family, family.Relays.Count, i => family.Relays[i]);
            for (var i = 0; i < family.Exempt.Count; i++)
                if (family.Exempt[i].ExemptionIds.Count > 0)
                    cfg.Text("! ").Prefix(family.Exempt[i].Prefix).Text(": ").Text(family.Provenance(i)).End();
            writeGroup(cfg, "EXEMPT", family, family.Exempt.Count, i => family.Exempt[i].Prefix);
            writeGroup(cfg, "POOLS", family, family.Pools.Count, i => family.Pools[i]);
            writeAcl(cfg, family, content.Policy);
        }
    }
}
