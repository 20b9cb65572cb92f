using System.Net;
using System.Net.Sockets;

namespace Op25b.Core.RuleSets.Rendering;

/// <summary>
/// The nft transaction that moves a router from one version to the next when only set elements
/// changed: its size follows the difference, not the sets. The version the router runs is the name
/// of an empty marker set, <c>op25b_v&lt;id&gt;</c>; the transaction first deletes the old one, which
/// fails — and with it the whole transaction — when the router is not at that version. Then a full
/// replace is due.
/// </summary>
/// <remarks>
/// Added elements, and the new marker, are written as a table block, not as <c>add element</c>:
/// any element command in a file makes nft 1.0.6 first fetch the elements of every interval set on
/// the router (4–5 s at 200,000 elements), while a table block needs no element cache — 0.05 s on
/// the same router. Deleted elements have no such form: a revocation still pays the fetch.
/// </remarks>
public static class NftablesIncrement
{
    /// <summary>Prefix of the marker set's name; the rest is the version id in decimal.</summary>
    public const string MarkerSetPrefix = "op25b_v";

    /// <summary>The marker set that says the router runs version <paramref name="versionId"/>.</summary>
    public static string MarkerSet(long versionId) => MarkerSetPrefix + ConfigText.Invariant(versionId);

    /// <summary>Appended to a full replace: declares the marker set of <paramref name="versionId"/> in the new table.</summary>
    public static string Marker(long versionId) => Block(versionId, []);

    /// <summary>The increment from <paramref name="fromVersionId"/> to <paramref name="toVersionId"/>; null when the rules themselves changed (policy), which only a full replace carries.</summary>
    public static string? Render(RuleSetDifference difference, long fromVersionId, long toVersionId)
    {
        if (difference.PolicyChanged)
            return null;
        var nft = new System.Text.StringBuilder($"delete set inet op25b {MarkerSet(fromVersionId)}\n");
        // Deletes first: an added prefix may overlap one it replaces (aggregation merged or split them),
        // and an interval set refuses overlaps. A prefix whose exemptions changed is replaced to carry its new comment.
        Deletes(nft, "exempt", difference.RemovedExempt.Concat(difference.ProvenanceChanged).Select(e => e.Prefix));
        Deletes(nft, "pools", difference.RemovedPools);
        Deletes(nft, "relays", difference.RemovedRelays);
        var added = new List<(string Role, IEnumerable<(IPNetwork Prefix, string Comment)> Elements)>
        {
            ("exempt", difference.AddedExempt.Concat(difference.ProvenanceChanged)
                .Select(e => (e.Prefix, ConfigText.Provenance(e.ExemptionIds, NftablesRenderer.MaxCommentLength)))),
            ("pools", difference.AddedPools.Select(p => (p, ""))),
            ("relays", difference.AddedRelays.Select(p => (p, ""))),
        };
        return nft.Append(Block(toVersionId, added)).ToString();
    }

    /// <summary>A table block that declares the marker set and re-declares each set that gains elements, with those elements.</summary>
    private static string Block(long versionId, IEnumerable<(string Role, IEnumerable<(IPNetwork Prefix, string Comment)> Elements)> added)
    {
        var bytes = new MemoryStream();
        using (var nft = new ConfigWriter(bytes, "\t"))
        {
            nft.Line("table inet op25b {")
                .Line(1, $"set {MarkerSet(versionId)} {{")
                .Line(2, "type mark;")
                .Line(1, "}");
            foreach (var (role, elements) in added)
                foreach (var family in elements.GroupBy(e => IsV6(e.Prefix)).OrderBy(f => f.Key))
                    NftablesRenderer.WriteSet(nft, role, family.Key, family);
            nft.Line("}");
        }
        return System.Text.Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
    }

    private static void Deletes(System.Text.StringBuilder nft, string role, IEnumerable<IPNetwork> prefixes)
    {
        foreach (var family in prefixes.GroupBy(IsV6).OrderBy(f => f.Key))
        {
            nft.Append($"delete element inet op25b {NftablesRenderer.SetName(role, family.Key)} {{\n");
            foreach (var prefix in family)
                nft.Append($"\t{prefix},\n");
            nft.Append("}\n");
        }
    }

    private static bool IsV6(IPNetwork prefix) => prefix.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;
}
