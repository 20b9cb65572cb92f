using System.Globalization;
using System.Net;

namespace Op25b.Core.RuleSets.Rendering;

/// <summary>
/// Renders an nft script that replaces table inet op25b whole, in one kernel transaction
/// (<c>nft -f</c>). The chain keeps the same rules whatever the content: an empty set matches
/// nothing, so a constant shape gives small, readable diffs between rule sets.
/// </summary>
public sealed class NftablesRenderer : IRuleSetRenderer
{
    // nft caps a comment at 128 characters ("comment too long", nft 1.0.6).
    internal const int MaxCommentLength = 128;

    public Platform Platform => Platform.Nftables;

    public string FileExtension => "nft";

    public void Render(RuleSetContent content, Stream output)
    {
        ArgumentNullException.ThrowIfNull(content);
        var policy = content.Policy;
        Validate(policy);
        var families = FamilyRules.Of(content);
        using var nft = new ConfigWriter(output, "\t");
        nft
            .Line($"# OP25B rule set for group {ConfigText.CommentSafe(content.RouterGroup)}")
            // "flush table" would keep set elements, and nft 1.0.6 has no "destroy": declaring the
            // table first makes the delete valid even on a router that never had it, and all
            // three statements commit together, so traffic never sees a missing table.
            .Line("table inet op25b")
            .Line("delete table inet op25b")
            .Line("table inet op25b {");
        foreach (var family in families)
            WriteSet(nft, "relays", family.IsV6, family.Relays.Count, i => (family.Relays[i], ""));
        foreach (var family in families)
            WriteSet(nft, "exempt", family.IsV6, family.Exempt.Count, i => (family.Exempt[i].Prefix, family.Provenance(i, MaxCommentLength)));
        foreach (var family in families)
            WriteSet(nft, "pools", family.IsV6, family.Pools.Count, i => (family.Pools[i], ""));

        // "fwd" is a reserved word in nft; the chain needs a name of its own.
        nft.Line(1, "chain op25b_forward {")
            .Line(2, "type filter hook forward priority filter; policy accept;");
        foreach (var family in families)
            WriteRules(nft, family, policy);
        nft.Line(1, "}").Line("}");
    }

    public int ExpandedEntryCount(RuleSetContent content)
    {
        var elements = content.Relays.Count + content.Exempt.Count + content.Pools.Count;
        var rulesPerFamily = content.Policy.Logging ? 4 : 3;
        return elements + 2 * rulesPerFamily;
    }

    private static void Validate(BlockingPolicy policy)
    {
        if (!policy.Logging)
            return;
        NftLogPrefix.Validate(policy.LogPrefix, nameof(policy.LogPrefix));
        // NFLOG groups are 16-bit; a zero rate would log nothing while looking configured.
        if (policy.NflogGroup is < 0 or > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(policy.NflogGroup), policy.NflogGroup, "NFLOG group must be 0–65535.");
        if (policy.LogRatePerSecond <= 0)
            throw new ArgumentOutOfRangeException(nameof(policy.LogRatePerSecond), policy.LogRatePerSecond, "Log rate must be at least 1 per second.");
    }

    /// <summary>
    /// One address set, declared as the full replace declares it: an increment re-declares the set
    /// to add elements (see <see cref="NftablesIncrement"/>), and nft refuses a declaration that differs.
    /// </summary>
    internal static void WriteSet(ConfigWriter nft, string role, bool isV6, IEnumerable<(IPNetwork Prefix, string Comment)> elements)
    {
        var list = elements as IReadOnlyList<(IPNetwork Prefix, string Comment)> ?? elements.ToList();
        WriteSet(nft, role, isV6, list.Count, i => list[i]);
    }

    private static void WriteSet(ConfigWriter nft, string role, bool isV6, int count, Func<int, (IPNetwork Prefix, string Comment)> element)
    {
        nft.Line(1, $"set {SetName(role, isV6)} {{")
            .Line(2, isV6 ? "type ipv6_addr;" : "type ipv4_addr;")
            // No auto-merge: the compiler aggregates already, and auto-merge would join adjacent
            // prefixes into ranges that an incremental push could then not delete one by one.
            .Line(2, "flags interval;");
        if (count > 0)
        {
            // One element per line with a trailing comma (nft accepts it), so adding or removing
            // one prefix is a one-line diff.
            nft.Line(2, "elements = {");
            for (var i = 0; i < count; i++)
            {
                var (prefix, comment) = element(i);
                nft.Indent(3).Prefix(prefix);
                if (comment.Length > 0)
                    nft.Text(" comment \"").Text(comment).Text("\"");
                nft.Text(",").End();
            }
            nft.Line(2, "}");
        }
        nft.Line(1, "}");
    }

    private static void WriteRules(ConfigWriter nft, FamilyRules family, BlockingPolicy policy)
    {
        foreach (var rule in Rules(family, policy))
            nft.Line(2, rule);
    }

    /// <summary>The chain's rules for one family, as written and as <c>nft list</c> prints them back (see <see cref="NftablesListing"/>).</summary>
    internal static IEnumerable<string> Rules(FamilyRules family, BlockingPolicy policy)
    {
        var ip = family.IsV6 ? "ip6" : "ip";
        var pools = SetName("pools", family);
        yield return $"tcp dport 25 {ip} daddr @{SetName("relays", family)} accept";
        yield return $"tcp dport 25 {ip} saddr @{SetName("exempt", family)} accept";
        if (policy.Logging)
            // The limit throttles only this log rule; the verdict rule below still catches every
            // packet, so a burst is dropped in full but logged at most N per second.
            yield return string.Create(CultureInfo.InvariantCulture,
                $"tcp dport 25 {ip} saddr @{pools} limit rate {policy.LogRatePerSecond}/second log prefix \"{policy.LogPrefix}\" group {policy.NflogGroup}");
        yield return $"tcp dport 25 {ip} saddr @{pools} {Verdict(policy.Action)}";
    }

    private static string Verdict(BlockAction action) => action switch
    {
        BlockAction.Drop => "drop",
        BlockAction.RejectTcpReset => "reject with tcp reset",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private static string SetName(string role, FamilyRules family) => SetName(role, family.IsV6);

    internal static string SetName(string role, bool isV6) => isV6 ? $"{role}_v6" : $"{role}_v4";
}
