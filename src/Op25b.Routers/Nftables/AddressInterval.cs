using System.Net;
using System.Net.Sockets;

namespace Op25b.Routers.Nftables;

/// <summary>
/// A run of consecutive addresses of one family, as a 128-bit number range. nft reports set
/// contents as hosts, prefixes or arbitrary ranges (auto-merge joins adjacent prefixes into
/// a range), so sets are compared as address sets, through intervals, not as element lists.
/// </summary>
internal readonly record struct AddressInterval(bool V6, UInt128 First, UInt128 Last)
{
    public static AddressInterval Of(IPNetwork prefix)
    {
        var v6 = prefix.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;
        var first = ToNumber(prefix.BaseAddress);
        var hostBits = (v6 ? 128 : 32) - prefix.PrefixLength;
        return new AddressInterval(v6, first, first | Mask(hostBits));
    }

    public static AddressInterval Of(IPAddress first, IPAddress last)
    {
        var v6 = first.AddressFamily == AddressFamily.InterNetworkV6;
        if (v6 != (last.AddressFamily == AddressFamily.InterNetworkV6))
            throw new FormatException($"range {first}-{last} mixes address families");
        var (a, b) = (ToNumber(first), ToNumber(last));
        if (a > b)
            throw new FormatException($"range {first}-{last} ends before it starts");
        return new AddressInterval(v6, a, b);
    }

    /// <summary>The union of <paramref name="intervals"/> as disjoint, non-adjacent intervals, IPv4 first, ascending.</summary>
    public static List<AddressInterval> Merge(IEnumerable<AddressInterval> intervals)
    {
        var merged = new List<AddressInterval>();
        foreach (var next in intervals.OrderBy(i => i.V6).ThenBy(i => i.First))
        {
            if (merged.Count > 0 && merged[^1] is var last && last.V6 == next.V6
                && (last.Last == UInt128.MaxValue || next.First <= last.Last + 1))
            {
                if (next.Last > last.Last)
                    merged[^1] = last with { Last = next.Last };
            }
            else
                merged.Add(next);
        }
        return merged;
    }

    /// <summary>Addresses in <paramref name="a"/> and not in <paramref name="b"/>; both merged (see <see cref="Merge"/>).</summary>
    public static List<AddressInterval> Subtract(List<AddressInterval> a, List<AddressInterval> b)
    {
        // One walk over both sorted lists: sets of 100,000 elements are compared after every push.
        var result = new List<AddressInterval>();
        var j = 0;
        foreach (var piece in a)
        {
            while (j < b.Count && Before(b[j], piece))
                j++;
            var first = piece.First;
            var done = false;
            for (var k = j; k < b.Count && b[k].V6 == piece.V6 && b[k].First <= piece.Last; k++)
            {
                var cut = b[k];
                if (cut.First > first)
                    result.Add(piece with { First = first, Last = cut.First - 1 });
                if (cut.Last >= piece.Last) { done = true; break; }
                first = cut.Last + 1;
            }
            if (!done)
                result.Add(piece with { First = first });
        }
        return result;
    }

    // Entirely below `other` in the (family, address) order.
    private static bool Before(AddressInterval interval, AddressInterval other) =>
        interval.V6 != other.V6 ? !interval.V6 : interval.Last < other.First;

    /// <summary>The fewest prefixes covering exactly this interval, ascending.</summary>
    public IEnumerable<IPNetwork> ToPrefixes()
    {
        var bits = V6 ? 128 : 32;
        var first = First;
        while (true)
        {
            // The largest aligned block starting at `first` that does not pass `Last`.
            var hostBits = first == 0 ? bits : Math.Min(bits, (int)UInt128.TrailingZeroCount(first));
            while (hostBits > 0 && first + Mask(hostBits) > Last)
                hostBits--;
            yield return new IPNetwork(ToAddress(first, V6), bits - hostBits);
            var end = first + Mask(hostBits);
            if (end >= Last)
                yield break;
            first = end + 1;
        }
    }

    public static List<IPNetwork> ToPrefixes(IEnumerable<AddressInterval> merged) =>
        merged.SelectMany(i => i.ToPrefixes()).ToList();

    private static UInt128 Mask(int hostBits) => hostBits >= 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;

    private static UInt128 ToNumber(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        UInt128 value = 0;
        foreach (var b in bytes)
            value = (value << 8) | b;
        return value;
    }

    private static IPAddress ToAddress(UInt128 value, bool v6)
    {
        var bytes = new byte[v6 ? 16 : 4];
        for (var i = bytes.Length - 1; i >= 0; i--, value >>= 8)
            bytes[i] = (byte)(value & 0xFF);
        return new IPAddress(bytes);
    }
}
