using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Op25b.Core.RuleSets.Rendering;

/// <summary>
/// One address family's share of a rule set. Every platform renders IPv4 and IPv6 as two
/// separate lists or filters, so renderers walk this pair rather than re-filtering the content.
/// </summary>
internal sealed record FamilyRules(
    bool IsV6,
    IReadOnlyList<IPNetwork> Relays,
    IReadOnlyList<ExemptEntry> Exempt,
    IReadOnlyList<IPNetwork> Pools)
{
    // Rendering every platform from one compile must not split the lists and format the
    // provenance of 200k entries once per platform: both are computed once per content object.
    private static readonly ConditionalWeakTable<RuleSetContent, IReadOnlyList<FamilyRules>> Computed = new();

    private string[]? _provenance;

    /// <summary>IPv4 first, then IPv6, in the order the compiler sorted them.</summary>
    public static IReadOnlyList<FamilyRules> Of(RuleSetContent content) =>
        Computed.GetValue(content, c => [Build(c, v6: false), Build(c, v6: true)]);

    /// <summary>"V4" or "V6", the suffix of the group and ACL names on the vendor platforms.</summary>
    public string Suffix => IsV6 ? "V6" : "V4";

    /// <summary>The ACL / filter name every vendor platform renders for this family.</summary>
    public string ListName => RenderedNames.List(IsV6);

    /// <summary>"exemption 12" or "exemptions 3, 7" for <see cref="Exempt"/>[<paramref name="index"/>]; empty when it has no id.</summary>
    public string Provenance(int index) => ProvenanceTexts[index];

    /// <summary>The same, summarised to fit <paramref name="maxLength"/> characters (nft's comment cap).</summary>
    /// <remarks>
    /// Only one id needs no summary. With more, the summary may differ from the full text even
    /// when that would fit (room is kept for an "and N more" tail at every step), so it is
    /// computed as it always was: artifacts must stay byte-identical for equal content.
    /// </remarks>
    public string Provenance(int index, int maxLength) =>
        Exempt[index].ExemptionIds.Count <= 1 ? ProvenanceTexts[index] : ConfigText.Provenance(Exempt[index].ExemptionIds, maxLength);

    // Two renders racing here both compute the same texts; either result is right.
    private string[] ProvenanceTexts => _provenance ??= [.. Exempt.Select(e => ConfigText.Provenance(e.ExemptionIds))];

    private static FamilyRules Build(RuleSetContent content, bool v6) => new(
        v6, OfFamily(content.Relays, p => p, v6), OfFamily(content.Exempt, e => e.Prefix, v6), OfFamily(content.Pools, p => p, v6));

    /// <summary>
    /// The family's entries. The compiler sorts IPv4 before IPv6, so they are one contiguous
    /// run: a view of it, not a copy of a million pool prefixes. Hand-built content that mixes
    /// the families is filtered instead.
    /// </summary>
    private static IReadOnlyList<T> OfFamily<T>(IReadOnlyList<T> items, Func<T, IPNetwork> prefix, bool v6)
    {
        var firstV6 = 0;
        while (firstV6 < items.Count && !IsV6Prefix(prefix(items[firstV6])))
            firstV6++;
        for (var i = firstV6; i < items.Count; i++)
            if (!IsV6Prefix(prefix(items[i])))
                return [.. items.Where(item => IsV6Prefix(prefix(item)) == v6)];
        return v6 ? new Run<T>(items, firstV6, items.Count - firstV6) : new Run<T>(items, 0, firstV6);
    }

    private static bool IsV6Prefix(IPNetwork prefix) => prefix.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;

    private sealed class Run<T>(IReadOnlyList<T> items, int start, int count) : IReadOnlyList<T>
    {
        public int Count => count;

        public T this[int index] => (uint)index < (uint)count ? items[start + index] : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
                yield return items[start + i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
