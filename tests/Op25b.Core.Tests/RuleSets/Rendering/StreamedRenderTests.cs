using System.Net;
using System.Security.Cryptography;
using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;

namespace Op25b.Core.Tests.RuleSets.Rendering;

/// <summary>
/// Renders write to a stream since issue 12. These hashes were taken from the string renders of
/// before (commit aa4db17) over a seeded policy with every shape that matters: single and many
/// exemption ids (nft's 128-character comment cap), adjacent and nested prefixes, both families.
/// </summary>
public sealed class StreamedRenderTests
{
    private static readonly Lazy<CompiledRuleSet> Seeded = new(() => RuleSetCompiler.Compile(SeededSnapshot()));

    [Fact]
    public void The_seeded_policy_compiles_to_the_canonical_text_of_before() =>
        Assert.Equal("addf53d7223cc232aea0fb0d9701f1ebd92a226da52eb83d333b61781c0b9f55", Seeded.Value.Hash);

    [Fact]
    public void Hundreds_of_exempt_prefixes_outside_the_pools_make_one_warning_with_their_count_and_three_examples()
    {
        var pools = SeededSnapshot().Pools.Select(AddressRange.Of).ToList();
        var outside = SeededSnapshot().Exempt.Distinct().Count(e => !pools.Any(p => p.Overlaps(AddressRange.Of(e.Prefix))));

        var warning = Assert.Single(Seeded.Value.Warnings);

        Assert.True(outside > 100, $"the seeded policy has {outside} prefixes outside the pools");
        Assert.StartsWith($"{outside} exempt prefixes lie outside every subscriber pool of group seeded and change nothing: exemption ", warning);
        Assert.Equal(3, warning.Split("exemption ").Length - 1);
        Assert.EndsWith($" and {outside - 3} more.", warning);
    }

    [Theory]
    [InlineData(Platform.Nftables, "70478ae14563ed9d130826b612b5e45ac3e96830f9f2580f705512df384add89")]
    [InlineData(Platform.CiscoIosXe, "44dafb4ea35a797fd93deb5117c0635aa882b49b22f53041e371f391852bb406")]
    [InlineData(Platform.CiscoIosXr, "8548309791833bdae09f2db9895a1246b638dd9948586d5f98f00dee43057fa2")]
    [InlineData(Platform.Junos, "8ea74e5f0aa39cf780200a70518b808e2b9a062579c7b65d1ec71acbac426422")]
    [InlineData(Platform.IetfAclJson, "0c48637ab62966cba87add168a57b6eb69ad16cc3f87ea5b2e35c84c1fec224e")]
    public void A_streamed_render_is_byte_for_byte_the_render_of_before(Platform platform, string sha256)
    {
        using var artifact = new MemoryStream();
        RuleSetRenderers.For(platform).Render(Seeded.Value.Content, artifact);

        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(artifact.ToArray())));
    }

    /// <summary>3,000 exempt prefixes drawn so that aggregation merges, nests and deduplicates; pools cover most of them.</summary>
    internal static PolicySnapshot SeededSnapshot()
    {
        var random = new Random(12);
        var exempt = new List<ExemptPrefix>();
        for (var id = 1; id <= 3000; id++)
        {
            var v6 = random.Next(4) == 0;
            var length = random.Next(3) == 0 ? (v6 ? random.Next(56, 65) : random.Next(24, 31)) : (v6 ? 128 : 32);
            var bytes = new byte[v6 ? 16 : 4];
            random.NextBytes(bytes);
            if (v6)
                (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5]) = (0x20, 0x01, 0x0d, 0xb8, 0x01, (byte)(bytes[5] & 0x03));
            else
                (bytes[0], bytes[1], bytes[2]) = (100, (byte)(64 + (bytes[1] & 0x01)), (byte)(bytes[2] & 0x3f));
            var prefix = new IPNetwork(new IPAddress(bytes), length);
            prefix = new IPNetwork(Masked(prefix), length);
            exempt.Add(new ExemptPrefix(id, prefix));
            if (random.Next(10) == 0)
                exempt.Add(new ExemptPrefix(id + 100_000, prefix)); // a second exemption for the same prefix
        }
        return new PolicySnapshot("seeded", BlockingPolicy.Default,
            [IPNetwork.Parse("100.64.0.0/11"), IPNetwork.Parse("2001:db8:100::/48")],
            [IPNetwork.Parse("203.0.113.25/32"), IPNetwork.Parse("2001:db8:ffff::25/128")],
            exempt);
    }

    private static IPAddress Masked(IPNetwork prefix)
    {
        var bytes = prefix.BaseAddress.GetAddressBytes();
        for (var bit = prefix.PrefixLength; bit < bytes.Length * 8; bit++)
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return new IPAddress(bytes);
    }
}
