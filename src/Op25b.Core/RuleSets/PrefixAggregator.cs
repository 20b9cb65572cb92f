using System.Net;
using System.Numerics;
using Op25b.Core.Addressing;

namespace Op25b.Core.RuleSets;

/// <summary>
/// Reduces prefixes to the minimal set of prefixes covering exactly the same addresses
/// (e.g. two adjacent /25 become one /24; a prefix inside another disappears). IPv4 and IPv6
/// are aggregated separately. Output is sorted: IPv4 first, then by first address.
/// </summary>
/// <remarks>
/// Router ACE budgets are small (an NCS5500 line card holds 4,000 IPv4 entries by default) and a
/// group can hold a million static addresses, so this runs on arrays of numbers: no LINQ and no
/// allocation per input element. Prefixes become [first, last] ranges, are sorted, overlapping
/// and adjacent ranges merge, and each merged range splits greedily into the largest aligned
/// blocks that fit, which is the minimal CIDR cover of that range.
/// </remarks>
public static partial class PrefixAggregator
{
    public static IReadOnlyList<IPNetwork> Aggregate(IEnumerable<IPNetwork> prefixes)
    {
        var output = new List<IPNetwork>();
        Merge(prefixes, ranges: null, output);
        return output.AsReadOnly();
    }

    /// <summary>The same aggregation as <see cref="Aggregate"/>, as merged ranges before they split into prefixes.</summary>
    public static IReadOnlyList<AddressRange> AggregateRanges(IEnumerable<IPNetwork> prefixes)
    {
        var output = new List<AddressRange>();
        Merge(prefixes, output, prefixes: null);
        return output.AsReadOnly();
    }

    private static void Merge(IEnumerable<IPNetwork> input, List<AddressRange>? ranges, List<IPNetwork>? prefixes)
    {
        ArgumentNullException.ThrowIfNull(input);
        var all = input as IReadOnlyCollection<IPNetwork> ?? input.ToArray();

        // Count first so each family gets exactly-sized arrays: IPv4 packs into one ulong per
        // prefix (address << 8 | length), which sorts fastest and needs no separate length array.
        var v6Count = 0;
        foreach (var prefix in all)
            if (AddressRange.FamilyOf(prefix.BaseAddress) == IpFamily.V6)
                v6Count++;
        var v4Keys = new ulong[all.Count - v6Count];
        var v6Firsts = new UInt128[v6Count];
        var v6Lengths = new byte[v6Count];
        int v4 = 0, v6 = 0;
        foreach (var prefix in all)
        {
            var range = AddressRange.Of(prefix);
            if (range.Family == IpFamily.V4)
                v4Keys[v4++] = ((ulong)range.First << 8) | (byte)prefix.PrefixLength;
            else
            {
                v6Firsts[v6] = range.First;
                v6Lengths[v6++] = (byte)prefix.PrefixLength;
            }
        }

        Array.Sort(v4Keys);
        MergeFamily(IpFamily.V4, new SortedV4(v4Keys), ranges, prefixes);
        Array.Sort(v6Firsts, v6Lengths);
        MergeFamily(IpFamily.V6, new SortedV6(v6Firsts, v6Lengths), ranges, prefixes);
    }

    private static void MergeFamily<TSorted>(IpFamily family, TSorted sorted, List<AddressRange>? ranges, List<IPNetwork>? prefixes)
        where TSorted : struct, ISortedPrefixes
    {
        if (sorted.Count == 0)
            return;
        var (first, last) = sorted[0];
        for (var i = 1; i < sorted.Count; i++)
        {
            var (nextFirst, nextLast) = sorted[i];
            // Sorted by first address, so nextFirst >= first; "last + 1" would overflow at the top of IPv6.
            if (nextFirst <= last || nextFirst - last == UInt128.One)
            {
                if (nextLast > last)
                    last = nextLast;
                continue;
            }
            Emit(family, first, last, ranges, prefixes);
            (first, last) = (nextFirst, nextLast);
        }
        Emit(family, first, last, ranges, prefixes);
    }

    private static void Emit(IpFamily family, UInt128 first, UInt128 last, List<AddressRange>? ranges, List<IPNetwork>? prefixes)
    {
        ranges?.Add(new AddressRange(family, first, last));
        if (prefixes is not null)
            Split(family, first, last, prefixes);
    }

    /// <summary>Splits [first, last] into the largest aligned blocks that fit, lowest first.</summary>
    private static void Split(IpFamily family, UInt128 first, UInt128 last, List<IPNetwork> output)
    {
        var bits = AddressRange.BitsOf(family);
        while (true)
        {
            var aligned = first == UInt128.Zero ? bits : TrailingZeros(first);
            var span = last - first;
            // floor(log2(span + 1)); span + 1 overflows only for the whole IPv6 space, which is 2^128.
            var fits = span == UInt128.MaxValue ? 128 : 127 - LeadingZeros(span + UInt128.One);
            var hostBits = Math.Min(aligned, fits);
            output.Add(new IPNetwork(AddressRange.AddressOf(family, first), bits - hostBits));

            var blockLast = first | AddressRange.HostMask(hostBits);
            if (blockLast == last)
                return;
            first = blockLast + UInt128.One;
        }
    }

    private static int TrailingZeros(UInt128 value)
    {
        var low = (ulong)value;
        return low != 0 ? BitOperations.TrailingZeroCount(low) : 64 + BitOperations.TrailingZeroCount((ulong)(value >> 64));
    }

    private static int LeadingZeros(UInt128 value)
    {
        var high = (ulong)(value >> 64);
        return high != 0 ? BitOperations.LeadingZeroCount(high) : 64 + BitOperations.LeadingZeroCount((ulong)value);
    }

    // Struct implementations of one interface, so the merge loop is compiled once per family with no virtual calls.
    private interface ISortedPrefixes
    {
        int Count { get; }

        (UInt128 First, UInt128 Last) this[int index] { get; }
    }

    private readonly struct SortedV4(ulong[] keys) : ISortedPrefixes
    {
        public int Count => keys.Length;

        public (UInt128 First, UInt128 Last) this[int index]
        {
            get
            {
                var key = keys[index];
                var first = key >> 8;
                var hostBits = 32 - (int)(key & 0xFF);
                return (first, first | ((1UL << hostBits) - 1));
            }
        }
    }

    private readonly struct SortedV6(UInt128[] firsts, byte[] lengths) : ISortedPrefixes
    {
        public int Count => firsts.Length;

        public (UInt128 First, UInt128 Last) this[int index] =>
            (firsts[index], firsts[index] | AddressRange.HostMask(128 - lengths[index]));
    }
}
