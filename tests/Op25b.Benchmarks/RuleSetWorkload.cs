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
