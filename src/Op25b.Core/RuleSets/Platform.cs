namespace Op25b.Core.RuleSets;

/// <summary>Router platforms a rule set can be rendered for. Wire names: nftables, cisco-iosxe, cisco-iosxr, junos, ietf-acl-json.</summary>
public enum Platform
{
    Nftables,
    CiscoIosXe,
    CiscoIosXr,
    Junos,
    IetfAclJson,
}

public static class Platforms
{
    private static readonly Dictionary<Platform, string> Names = new()
    {
        [Platform.Nftables] = "nftables",
        [Platform.CiscoIosXe] = "cisco-iosxe",
        [Platform.CiscoIosXr] = "cisco-iosxr",
        [Platform.Junos] = "junos",
        [Platform.IetfAclJson] = "ietf-acl-json",
    };

    public static string Name(this Platform platform) => Names[platform];

    public static bool TryParse(string? name, out Platform platform)
    {
        foreach (var (p, n) in Names)
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                platform = p;
                return true;
            }
        platform = default;
        return false;
    }

    public static IEnumerable<string> AllNames => Names.Values;

    /// <summary>Only nftables routers are pushed to directly; the others get the artifact and confirm its application.</summary>
    public static bool IsPushed(this Platform platform) => platform == Platform.Nftables;
}
