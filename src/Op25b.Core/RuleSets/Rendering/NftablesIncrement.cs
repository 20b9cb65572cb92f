using System.Net;
using System.Text;

namespace Op25b.Core.RuleSets.Rendering;

/// <summary>
/// The nft transaction that moves a router from one version to the next when only set elements
/// changed: its size follows the difference, not the sets. A marker set holds the id of the
/// version the router runs; the transaction first deletes the old id, which fails — and with it
/// the whole transaction — when the router is not at that version. Then a full replace is due.
/// </summary>
public static class NftablesIncrement
{
    public const string MarkerSet = "op25b_version";

    /// <summary>
    /// Appended to a full replace: declares the marker set in the new table with <paramref name="versionId"/>
    /// in it. Written as a table block, not as <c>add element</c>: any element command makes nft 1.0.6
    /// first fetch the elements of every interval set on the router — the old table's too, a
    /// million of them before a replace — while a table block needs no element cache.
    /// </summary>
    public static string Marker(long versionId) =>
        $"table inet op25b {{\n\tset {MarkerSet} {{\n\t\ttype mark;\n\t\telements = {{ {ConfigText.Invariant(versionId)} }}\n\t}}\n}}\n";

    /// <summary>The increment from <paramref name="fromVersionId"/> to <paramref name="toVersionId"/>; null when the rules themselves changed (policy), which only a full replace carries.</summary>
    public static string? Render(RuleSetDifference difference, long fromVersionId, long toVersionId)
    {
        if (difference.PolicyChanged)
            return null;
        var nft = new StringBuilder()
            .Append($"delete element inet op25b {MarkerSet} {{ {ConfigText.Invariant(fromVersionId)} }}\n")
            .Append($"add element inet op25b {MarkerSet} {{ {ConfigText.Invariant(toVersionId)} }}\n");
        // Deletes first: an added prefix may overlap one it replaces (aggregation merged or split them),
        // and an interval set refuses overlaps. A prefix whose exemptions changed is replaced to carry its new comment.
        Elements(nft, "delete", "exempt", difference.RemovedExempt.Concat(difference.ProvenanceChanged).Select(e => (e.Prefix, "")));
        Elements(nft, "delete", "pools", difference.RemovedPools.Select(p => (p, "")));
        Elements(nft, "delete", "relays", difference.RemovedRelays.Select(p => (p, "")));
        Elements(nft, "add", "exempt", difference.AddedExempt.Concat(difference.ProvenanceChanged)
            .Select(e => (e.Prefix, ConfigText.Provenance(e.ExemptionIds, NftablesRenderer.MaxCommentLength))));
        Elements(nft, "add", "pools", difference.AddedPools.Select(p => (p, "")));
        Elements(nft, "add", "relays", difference.AddedRelays.Select(p => (p, "")));
        return nft.ToString();
    }

    private static void Elements(StringBuilder nft, string verb, string role, IEnumerable<(IPNetwork Prefix, string Comment)> elements)
    {
        foreach (var family in elements.GroupBy(e => e.Prefix.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6))
        {
            nft.Append($"{verb} element inet op25b {role}_{(family.Key ? "v6" : "v4")} {{\n");
            foreach (var (prefix, comment) in family)
                nft.Append(comment.Length == 0 ? $"\t{prefix},\n" : $"\t{prefix} comment \"{comment}\",\n");
            nft.Append("}\n");
        }
    }
}
