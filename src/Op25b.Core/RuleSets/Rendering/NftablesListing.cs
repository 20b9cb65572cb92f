using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Op25b.Core.RuleSets.Rendering;

/// <summary>
/// The exact text <c>nft list table inet op25b</c> (nftables 1.0.6) prints for a table pushed from
/// <see cref="NftablesRenderer"/> plus <see cref="NftablesIncrement.Marker"/>, so the router can
/// hash its own listing and send back 64 hex digits instead of the table. nft prints the sets in
/// declaration order, each set's elements sorted by address, a /32 or /128 as the bare address,
/// and breaks the element list after every second IPv4 element and after every IPv6 element
/// (<c>calculate_delim</c> in nft's <c>expression.c</c>); the empty marker set is named after the
/// version; the chain's rules come back as written. Proven byte for byte against the lab router (<c>ListingDigestLabTests</c>).
/// </summary>
public static class NftablesListing
{
    private const string Break = ",\n\t\t\t     ";

    public static string Text(RuleSetContent content, long versionId)
    {
        var families = FamilyRules.Of(content);
        var text = new StringBuilder("table inet op25b {\n");
        foreach (var family in families)
            Set(text, "relays", family, family.Relays.Select(p => (p, "")));
        foreach (var family in families)
            Set(text, "exempt", family, family.Exempt.Select((e, i) => (e.Prefix, family.Provenance(i, NftablesRenderer.MaxCommentLength))));
        foreach (var family in families)
            Set(text, "pools", family, family.Pools.Select(p => (p, "")));
        text.Append($"\tset {NftablesIncrement.MarkerSet(versionId)} {{\n\t\ttype mark\n\t}}\n\n");
        text.Append("\tchain op25b_forward {\n\t\ttype filter hook forward priority filter; policy accept;\n");
        foreach (var family in families)
            foreach (var rule in NftablesRenderer.Rules(family, content.Policy))
                text.Append("\t\t").Append(rule).Append('\n');
        return text.Append("\t}\n}\n").ToString();
    }

    /// <summary>SHA-256 of <see cref="Text"/> in lower-case hex, as <c>sha256sum</c> prints it.</summary>
    public static string Digest(RuleSetContent content, long versionId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text(content, versionId))));

    private static void Set(StringBuilder text, string role, FamilyRules family, IEnumerable<(IPNetwork Prefix, string Comment)> elements)
    {
        text.Append(CultureInfo.InvariantCulture, $"\tset {NftablesRenderer.SetName(role, family.IsV6)} {{\n")
            .Append(family.IsV6 ? "\t\ttype ipv6_addr\n" : "\t\ttype ipv4_addr\n")
            .Append("\t\tflags interval\n");
        // The kernel keeps interval sets ordered by address, whatever order they were added in.
        var sorted = elements.OrderBy(e => e.Prefix.BaseAddress, AddressOrder.Instance).ToList();
        if (sorted.Count > 0)
        {
            text.Append("\t\telements = { ");
            for (var i = 0; i < sorted.Count; i++)
            {
                if (i > 0)
                    text.Append(family.IsV6 || i % 2 == 0 ? Break : ", ");
                var (prefix, comment) = sorted[i];
                text.Append(prefix.PrefixLength == (family.IsV6 ? 128 : 32) ? prefix.BaseAddress.ToString() : prefix.ToString());
                if (comment.Length > 0)
                    text.Append(" comment \"").Append(comment).Append('"');
            }
            text.Append(" }\n");
        }
        text.Append("\t}\n\n");
    }

    private sealed class AddressOrder : IComparer<IPAddress>
    {
        public static readonly AddressOrder Instance = new();

        public int Compare(IPAddress? x, IPAddress? y)
        {
            Span<byte> a = stackalloc byte[16], b = stackalloc byte[16];
            x!.TryWriteBytes(a, out var lengthA);
            y!.TryWriteBytes(b, out var lengthB);
            return a[..lengthA].SequenceCompareTo(b[..lengthB]);
        }
    }
}
