using System.Net;
using Op25b.Core.RuleSets;

namespace Op25b.Benchmarks;

/// <summary>
/// The workload from a fixed seed, so every run measures the same input:
/// 1,000,000 pool addresses — 500,000 random IPv4 hosts in 100.64.0.0/10 and 500,000 random
/// delegated IPv6 /64s in 2001:db8:100::/40 (the worst case for aggregation: few neighbours
/// merge) — and 200,000 exemptions, half IPv4 hosts and half IPv6 /64s taken from those pools,
/// as real exemptions are.
/// </summary>
public static class RuleSetWorkload
{
    public static PolicySnapshot Build(int poolAddresses = 1_000_000, int exemptions = 200_000, int seed = 25)
    {
        var random = new Random(seed);
        var v4 = new IPNetwork[poolAddresses / 2];
        var v6 = new IPNetwork[poolAddresses / 2];
        for (var i = 0; i < v4.Length; i++)
        {
            v4[i] = new IPNetwork(new IPAddress([100, (byte)(64 + random.Next(64)), (byte)random.Next(256), (byte)random.Next(256)]), 32);
            var bytes = new byte[16];
            (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4]) = (0x20, 0x01, 0x0d, 0xb8, 0x01);
            (bytes[5], bytes[6], bytes[7]) = ((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            v6[i] = new IPNetwork(new IPAddress(bytes), 64);
        }
        var exempt = new List<ExemptPrefix>(exemptions);
        for (var i = 0; i < exemptions / 2; i++)
        {
            exempt.Add(new ExemptPrefix(i * 2 + 1, v4[random.Next(v4.Length)]));
            exempt.Add(new ExemptPrefix(i * 2 + 2, v6[random.Next(v6.Length)]));
        }
        var relays = new List<IPNetwork> { IPNetwork.Parse("203.0.113.25/32"), IPNetwork.Parse("2001:db8:ffff::25/128") };
        return new PolicySnapshot("bench", BlockingPolicy.Default, [.. v4, .. v6], relays, exempt);
    }
}

/// <summary>
/// Issue 12's exemption workload, from a fixed seed: random /32s (IPv6 /128s) and /24–/30s
/// (IPv6 /56–/64s), plus adjacent siblings, prefixes overlapping an earlier one (inside or
/// around it) and exact duplicates of one; three quarters IPv4, one quarter IPv6. Most lie in
/// the two subscriber pools; about one in ten lies outside both, so the compile has a warning
/// to aggregate.
/// </summary>
public static class ExemptionWorkload
{
    public static readonly IPNetwork[] Pools = [IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("2001:db8:100::/40")];

    public static readonly IPNetwork[] Relays = [IPNetwork.Parse("203.0.113.25/32"), IPNetwork.Parse("2001:db8:ffff::25/128")];

    public static List<IPNetwork> Prefixes(int count, int seed = 12)
    {
        var random = new Random(seed);
        var prefixes = new List<IPNetwork>(count);
        while (prefixes.Count < count)
        {
            var kind = random.Next(100);
            if (prefixes.Count == 0 || kind < 60)
                prefixes.Add(Fresh(random));
            else if (kind < 75)
                prefixes.Add(Sibling(prefixes[random.Next(prefixes.Count)]));
            else if (kind < 90)
                prefixes.Add(Overlapping(random, prefixes[random.Next(prefixes.Count)]));
            else
                prefixes.Add(prefixes[random.Next(prefixes.Count)]);
        }
        return prefixes;
    }

    public static PolicySnapshot Snapshot(IReadOnlyList<IPNetwork> prefixes)
    {
        var exempt = new ExemptPrefix[prefixes.Count];
        for (var i = 0; i < exempt.Length; i++)
            exempt[i] = new ExemptPrefix(i + 1, prefixes[i]);
        return new PolicySnapshot("bench", BlockingPolicy.Default, Pools, Relays, exempt);
    }

    private static IPNetwork Fresh(Random random)
    {
        var v6 = random.Next(4) == 0;
        var outside = random.Next(10) == 0;
        var bytes = new byte[v6 ? 16 : 4];
        random.NextBytes(bytes);
        if (v6)
            (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4]) = (0x20, 0x01, 0x0d, 0xb8, (byte)(outside ? 0x02 : 0x01));
        else
            (bytes[0], bytes[1]) = ((byte)(outside ? 198 : 100), (byte)(outside ? 18 + (bytes[1] & 1) : 64 + (bytes[1] & 0x3f)));
        var single = random.Next(3) != 0;
        var length = v6 ? (single ? 128 : random.Next(56, 65)) : (single ? 32 : random.Next(24, 31));
        return Aligned(new IPAddress(bytes), length);
    }

    /// <summary>The other half of the parent block: the pair merges into one prefix.</summary>
    private static IPNetwork Sibling(IPNetwork prefix)
    {
        var bytes = prefix.BaseAddress.GetAddressBytes();
        var bit = prefix.PrefixLength - 1;
        bytes[bit / 8] ^= (byte)(0x80 >> (bit % 8));
        return new IPNetwork(new IPAddress(bytes), prefix.PrefixLength);
    }

    /// <summary>A prefix inside the given one or around it, up to four bits longer or shorter.</summary>
    private static IPNetwork Overlapping(Random random, IPNetwork prefix)
    {
        var bits = prefix.BaseAddress.GetAddressBytes().Length * 8;
        var length = Math.Clamp(prefix.PrefixLength + random.Next(-4, 5), bits == 32 ? 16 : 40, bits);
        var bytes = prefix.BaseAddress.GetAddressBytes();
        for (var bit = prefix.PrefixLength; bit < length; bit++)
            if (random.Next(2) == 0)
                bytes[bit / 8] |= (byte)(0x80 >> (bit % 8));
        return Aligned(new IPAddress(bytes), length);
    }

    private static IPNetwork Aligned(IPAddress address, int length)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = length; bit < bytes.Length * 8; bit++)
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return new IPNetwork(new IPAddress(bytes), length);
    }
}
