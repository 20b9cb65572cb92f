using System.Net;
using Op25b.Routers.Nftables;

namespace Op25b.Routers.Tests.Nftables;

public sealed class PrefixSetTests
{
    private static IReadOnlyList<IPNetwork> Prefixes(params string[] prefixes) => prefixes.Select(IPNetwork.Parse).ToList();

    [Fact]
    public void Adjacent_and_nested_prefixes_collapse_to_the_fewest()
    {
        Assert.Equal(Prefixes("100.64.0.0/23", "2001:db8::/47"),
            PrefixSet.Normalize(Prefixes("2001:db8:1::/48", "100.64.1.0/24", "100.64.0.0/24", "100.64.0.128/25", "2001:db8::/48")));
    }

    [Fact]
    public void An_arbitrary_range_becomes_its_minimal_prefixes()
    {
        var range = new AddressInterval(false, 0x64400001, 0x64400106); // 100.64.0.1 - 100.64.1.6

        Assert.Equal(
            Prefixes("100.64.0.1/32", "100.64.0.2/31", "100.64.0.4/30", "100.64.0.8/29", "100.64.0.16/28", "100.64.0.32/27",
                "100.64.0.64/26", "100.64.0.128/25", "100.64.1.0/30", "100.64.1.4/31", "100.64.1.6/32"),
            range.ToPrefixes());
    }

    [Fact]
    public void The_whole_address_space_of_either_family_is_one_prefix()
    {
        Assert.Equal(Prefixes("0.0.0.0/0", "::/0"), PrefixSet.Normalize(Prefixes("::/0", "0.0.0.0/1", "128.0.0.0/1", "::/1")));
    }

    [Fact]
    public void Except_leaves_the_addresses_not_covered()
    {
        Assert.Equal(Prefixes("100.64.0.0/24", "100.64.1.0/25", "100.64.1.129/32", "100.64.1.130/31", "100.64.1.132/30",
                "100.64.1.136/29", "100.64.1.144/28", "100.64.1.160/27", "100.64.1.192/26"),
            PrefixSet.Except(Prefixes("100.64.0.0/23"), Prefixes("100.64.1.128/32", "2001:db8::/32")));
        Assert.Empty(PrefixSet.Except(Prefixes("100.64.0.0/23"), Prefixes("0.0.0.0/0")));
        Assert.Equal(Prefixes("::/1"), PrefixSet.Except(Prefixes("::/0"), Prefixes("8000::/1")));
    }

    [Fact]
    public void Normalize_and_except_agree_with_counting_addresses_one_by_one()
    {
        var random = new Random(25);
        IPNetwork RandomPrefix()
        {
            var length = random.Next(24, 33);
            var host = (uint)random.Next(256) & (uint)(0xFF << (32 - length) & 0xFF);
            return new IPNetwork(new IPAddress([100, 64, 0, (byte)host]), length);
        }
        static bool[] Addresses(IEnumerable<IPNetwork> prefixes)
        {
            var set = new bool[256];
            foreach (var p in prefixes)
                for (var i = 0; i < 256; i++)
                    set[i] |= p.Contains(new IPAddress([100, 64, 0, (byte)i]));
            return set;
        }

        for (var round = 0; round < 200; round++)
        {
            var a = Enumerable.Range(0, random.Next(0, 12)).Select(_ => RandomPrefix()).ToList();
            var b = Enumerable.Range(0, random.Next(0, 12)).Select(_ => RandomPrefix()).ToList();
            var (inA, inB) = (Addresses(a), Addresses(b));

            Assert.Equal(inA, Addresses(PrefixSet.Normalize(a)));
            Assert.Equal(Enumerable.Range(0, 256).Select(i => inA[i] && !inB[i]), Addresses(PrefixSet.Except(a, b)));
            var normalized = PrefixSet.Normalize(a);
            Assert.Equal(normalized, PrefixSet.Normalize(normalized));
        }
    }
}
