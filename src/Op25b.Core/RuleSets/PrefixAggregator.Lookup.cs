using System.Net;
using Op25b.Core.Addressing;

namespace Op25b.Core.RuleSets;

/// <summary>
/// Lookups over the output of <see cref="Aggregate"/>: sorted (IPv4 first, then by first address)
/// and pairwise disjoint, which is what makes a binary search exact. Answers over any other list
/// are undefined.
/// </summary>
public static partial class PrefixAggregator
{
    /// <summary>Whether an aggregated prefix holds the address; the what-if "would this subscriber be blocked".</summary>
    public static bool Contains(IReadOnlyList<IPNetwork> aggregated, IPAddress address)
    {
        var target = AddressRange.Of(address);
        return IndexOfCovering(aggregated, target) >= 0;
    }

    /// <summary>Index of the aggregated prefix that holds the whole of <paramref name="prefix"/>, or -1.</summary>
    public static int IndexOfContaining(IReadOnlyList<IPNetwork> aggregated, IPNetwork prefix) =>
        IndexOfCovering(aggregated, AddressRange.Of(prefix));

    /// <summary>Whether any aggregated prefix shares at least one address with <paramref name="prefix"/>.</summary>
    public static bool Overlaps(IReadOnlyList<IPNetwork> aggregated, IPNetwork prefix)
    {
        var target = AddressRange.Of(prefix);
        // Disjoint and sorted, so the last entry starting at or before target.Last reaches furthest.
        var index = LastStartingAtOrBefore(aggregated, target.Family, target.Last);
        return index >= 0 && AddressRange.Of(aggregated[index]).Overlaps(target);
    }

    private static int IndexOfCovering(IReadOnlyList<IPNetwork> aggregated, AddressRange target)
    {
        var index = LastStartingAtOrBefore(aggregated, target.Family, target.First);
        return index >= 0 && AddressRange.Of(aggregated[index]).Contains(target) ? index : -1;
    }

    private static int LastStartingAtOrBefore(IReadOnlyList<IPNetwork> aggregated, IpFamily family, UInt128 address)
    {
        ArgumentNullException.ThrowIfNull(aggregated);
        return LastStartingAtOrBefore(new PrefixList(aggregated), family, address);
    }

    /// <summary>Binary search over entries sorted by family (IPv4 first), then first address.</summary>
    /// <remarks>
    /// Generic over a struct rather than taking a delegate: a compile probes millions of times,
    /// and a struct's indexer is inlined where a delegate call is not.
    /// </remarks>
    internal static int LastStartingAtOrBefore<TRanges>(TRanges ranges, IpFamily family, UInt128 address)
        where TRanges : struct, IRanges
    {
        int low = 0, high = ranges.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            var entry = ranges[middle];
            // IpFamily.V4 (4) sorts before IpFamily.V6 (6), as the aggregated list does.
            if (entry.Family < family || (entry.Family == family && entry.First <= address))
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return found;
    }

    internal interface IRanges
    {
        int Count { get; }

        AddressRange this[int index] { get; }
    }

    /// <summary>Ranges converted once (<see cref="PrefixIndex"/>).</summary>
    internal readonly struct RangeArray(AddressRange[] ranges) : IRanges
    {
        public int Count => ranges.Length;

        public AddressRange this[int index] => ranges[index];
    }

    /// <summary>Prefixes converted on each probe: for a single lookup, cheaper than converting the list.</summary>
    private readonly struct PrefixList(IReadOnlyList<IPNetwork> prefixes) : IRanges
    {
        public int Count => prefixes.Count;

        public AddressRange this[int index] => AddressRange.Of(prefixes[index]);
    }
}
