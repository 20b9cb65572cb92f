using System.Net;
using Op25b.Core.Addressing;
using Op25b.Core.RuleSets;

namespace Op25b.Core.Tests.RuleSets;

/// <summary>
/// Two 4,096-address universes (10.0.0.0/20 and 2001:db8::/116) small enough to enumerate, so a
/// bitmap is an exact oracle for what a set of prefixes covers.
/// </summary>
internal static class SmallUniverse
{
    public const int Size = 4096;
    public const int HostBits = 12;

    public static readonly IPNetwork V4 = IPNetwork.Parse("10.0.0.0/20");
    public static readonly IPNetwork V6 = IPNetwork.Parse("2001:db8::/116");

    public static IPNetwork Universe(IpFamily family) => family == IpFamily.V4 ? V4 : V6;

    /// <summary>Between 0 and 60 prefixes of both families, mostly small ones so that gaps, adjacency and nesting all occur.</summary>
    public static IPNetwork[] RandomPrefixes(Random random)
    {
        var prefixes = new IPNetwork[random.Next(0, 61)];
        for (var i = 0; i < prefixes.Length; i++)
            prefixes[i] = RandomPrefix(random, random.Next(3) == 0 ? IpFamily.V6 : IpFamily.V4);
        return prefixes;
    }

    public static IPNetwork RandomPrefix(Random random, IpFamily family)
    {
        // Nested draws skew towards long prefixes; an occasional whole universe still appears.
        var hostBits = random.Next(0, random.Next(1, HostBits + 2));
        var offset = (UInt128)(random.Next(Size) & ~((1 << hostBits) - 1));
        var universe = Universe(family);
        var bits = AddressRange.BitsOf(family);
        return new IPNetwork(AddressOf(family, AddressRange.Of(universe).First + offset), bits - hostBits);
    }

    /// <summary>Which addresses of the family's universe the prefixes cover; fails on a prefix reaching outside it.</summary>
    public static bool[] Coverage(IEnumerable<IPNetwork> prefixes, IpFamily family)
    {
        var universe = AddressRange.Of(Universe(family));
        var covered = new bool[Size];
        foreach (var prefix in prefixes)
        {
            var range = AddressRange.Of(prefix);
            if (range.Family != family)
                continue;
            Assert.True(universe.Contains(range), $"{prefix} reaches outside {Universe(family)}");
            for (var offset = (int)(range.First - universe.First); offset <= (int)(range.Last - universe.First); offset++)
                covered[offset] = true;
        }
        return covered;
    }

    /// <summary>
    /// Size of the minimal CIDR cover of a bitmap: from each uncovered covered position take the
    /// largest aligned, fully covered block. Aligned blocks are nested or disjoint, so taking the
    /// largest one never costs a block later and this greedy is optimal.
    /// </summary>
    public static int MinimalCoverSize(bool[] covered)
    {
        // coveredBefore[i] = covered positions below i, so a block is full when its count equals its size.
        var coveredBefore = new int[covered.Length + 1];
        for (var i = 0; i < covered.Length; i++)
            coveredBefore[i + 1] = coveredBefore[i] + (covered[i] ? 1 : 0);

        var count = 0;
        var position = 0;
        while (position < covered.Length)
        {
            if (!covered[position])
            {
                position++;
                continue;
            }
            var size = 1;
            while (position % (size * 2) == 0 && position + size * 2 <= covered.Length
                   && coveredBefore[position + size * 2] - coveredBefore[position] == size * 2)
                size *= 2;
            count++;
            position += size;
        }
        return count;
    }

    public static IPAddress AddressOf(IpFamily family, UInt128 number)
    {
        var bytes = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, number);
        return new IPAddress(family == IpFamily.V4 ? bytes[12..] : bytes);
    }
}
