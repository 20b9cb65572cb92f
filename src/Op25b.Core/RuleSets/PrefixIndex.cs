using System.Net;

namespace Op25b.Core.RuleSets;

/// <summary>
/// The same lookups as <see cref="PrefixAggregator"/>'s, over an aggregated list converted to
/// ranges once: for many lookups against one list (a compile checks every exempt prefix
/// against a million pool entries), converting on every probe of the search dominated.
/// </summary>
public sealed class PrefixIndex
{
    private readonly AddressRange[] _ranges;

    /// <param name="aggregated">Output of <see cref="PrefixAggregator.Aggregate"/>: sorted and disjoint.</param>
    public PrefixIndex(IReadOnlyList<IPNetwork> aggregated)
    {
        _ranges = new AddressRange[aggregated.Count];
        for (var i = 0; i < _ranges.Length; i++)
            _ranges[i] = AddressRange.Of(aggregated[i]);
    }

    /// <summary>Index of the entry that holds the whole of <paramref name="prefix"/>, or -1.</summary>
    public int IndexOfContaining(IPNetwork prefix)
    {
        var target = AddressRange.Of(prefix);
        var index = PrefixAggregator.LastStartingAtOrBefore(new PrefixAggregator.RangeArray(_ranges), target.Family, target.First);
        return index >= 0 && _ranges[index].Contains(target) ? index : -1;
    }

    /// <summary>Whether any entry shares at least one address with <paramref name="prefix"/>.</summary>
    public bool Overlaps(IPNetwork prefix)
    {
        var target = AddressRange.Of(prefix);
        var index = PrefixAggregator.LastStartingAtOrBefore(new PrefixAggregator.RangeArray(_ranges), target.Family, target.Last);
        return index >= 0 && _ranges[index].Overlaps(target);
    }
}
