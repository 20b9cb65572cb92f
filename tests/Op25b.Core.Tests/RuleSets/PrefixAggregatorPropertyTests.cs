using System.Net;
using Op25b.Core.Addressing;
using Op25b.Core.RuleSets;

namespace Op25b.Core.Tests.RuleSets;

/// <summary>Aggregation checked against exact brute force on random inputs (seeded, so a failure reproduces).</summary>
public sealed class PrefixAggregatorPropertyTests
{
    private const int Iterations = 500;
    private static readonly IpFamily[] Families = [IpFamily.V4, IpFamily.V6];

    public static TheoryData<int> Seeds => [25, 587, 465];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Output_covers_exactly_the_addresses_the_input_covers(int seed) =>
        ForRandomInputs(seed, (input, output) =>
        {
            foreach (var family in Families)
                Assert.Equal(SmallUniverse.Coverage(input, family), SmallUniverse.Coverage(output, family));
        });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Output_is_sorted_disjoint_and_no_two_prefixes_could_join_into_one(int seed) =>
        ForRandomInputs(seed, (_, output) =>
        {
            for (var i = 1; i < output.Count; i++)
            {
                var (previous, next) = (AddressRange.Of(output[i - 1]), AddressRange.Of(output[i]));
                if (previous.Family != next.Family)
                {
                    Assert.Equal((IpFamily.V4, IpFamily.V6), (previous.Family, next.Family));
                    continue;
                }
                Assert.True(previous.Last < next.First, $"{output[i - 1]} and {output[i]} overlap or are out of order");
                Assert.False(AreSiblings(output[i - 1], output[i]), $"{output[i - 1]} and {output[i]} make one prefix");
            }
        });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Output_has_as_few_prefixes_as_the_minimal_cover_of_the_same_addresses(int seed) =>
        ForRandomInputs(seed, (input, output) =>
        {
            foreach (var family in Families)
                Assert.Equal(
                    SmallUniverse.MinimalCoverSize(SmallUniverse.Coverage(input, family)),
                    output.Count(p => AddressRange.Of(p).Family == family));
        });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Aggregating_the_output_again_changes_nothing(int seed) =>
        ForRandomInputs(seed, (_, output) => Assert.Equal(output, PrefixAggregator.Aggregate(output)));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Order_and_duplicates_in_the_input_do_not_change_the_output(int seed)
    {
        var random = new Random(seed * 7);
        ForRandomInputs(seed, (input, output) =>
        {
            var shuffled = input.Concat(input.Where(_ => random.Next(2) == 0)).ToArray();
            random.Shuffle(shuffled);
            Assert.Equal(output, PrefixAggregator.Aggregate(shuffled));
        });
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_input_prefix_lies_inside_exactly_one_output_prefix(int seed) =>
        ForRandomInputs(seed, (input, output) =>
        {
            foreach (var prefix in input)
            {
                Assert.Single(output, p => AddressRange.Of(p).Contains(AddressRange.Of(prefix)));
                Assert.Equal(output[PrefixAggregator.IndexOfContaining(output, prefix)],
                    output.Single(p => AddressRange.Of(p).Contains(AddressRange.Of(prefix))));
            }
        });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Merged_ranges_are_the_output_prefixes_joined_and_never_touch_each_other(int seed) =>
        ForRandomInputs(seed, (input, output) =>
        {
            var ranges = PrefixAggregator.AggregateRanges(input);
            Assert.Equal(ranges, PrefixAggregator.AggregateRanges(output));
            for (var i = 1; i < ranges.Count; i++)
                if (ranges[i - 1].Family == ranges[i].Family)
                    Assert.True(ranges[i].First - ranges[i - 1].Last > 1, $"{ranges[i - 1]} and {ranges[i]} touch");
        });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Contains_agrees_with_the_input_at_and_beside_every_prefix_boundary_in_the_whole_address_space(int seed)
    {
        var random = new Random(seed);
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var input = Enumerable.Range(0, random.Next(0, 30)).Select(_ => AnyPrefix(random)).ToArray();
            var aggregated = PrefixAggregator.Aggregate(input);
            var probes = input.SelectMany(p => Around(AddressRange.Of(p))).Append(AddressRange.Of(IPAddress.Any))
                .Append(AddressRange.Of(IPAddress.IPv6Any)).Append(AddressRange.Of(IPAddress.Broadcast));
            foreach (var probe in probes)
            {
                var address = SmallUniverse.AddressOf(probe.Family, probe.First);
                Assert.True(input.Any(p => p.Contains(address)) == PrefixAggregator.Contains(aggregated, address),
                    $"{address} against [{string.Join(' ', input)}]");
            }
        }
    }

    [Fact]
    public void Ipv4_everything_and_ipv6_everything_stay_apart_in_every_order()
    {
        var random = new Random(25);
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var input = new[] { "0.0.0.0/0", "::/0", "0.0.0.0/1", "8000::/1", "10.0.0.0/8", "2001:db8::/32" }
                .Select(IPNetwork.Parse).Where(_ => random.Next(3) > 0).Concat([IPNetwork.Parse("0.0.0.0/0"), IPNetwork.Parse("::/0")]).ToArray();
            random.Shuffle(input);
            Assert.Equal(["0.0.0.0/0", "::/0"], PrefixAggregatorTests.Texts(PrefixAggregator.Aggregate(input)));
        }
    }

    private static void ForRandomInputs(int seed, Action<IPNetwork[], IReadOnlyList<IPNetwork>> check)
    {
        var random = new Random(seed);
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var input = SmallUniverse.RandomPrefixes(random);
            check(input, PrefixAggregator.Aggregate(input));
        }
    }

    /// <summary>Two prefixes join into one exactly when they are the two halves of the same prefix.</summary>
    private static bool AreSiblings(IPNetwork a, IPNetwork b)
    {
        var (first, second) = (AddressRange.Of(a), AddressRange.Of(b));
        if (a.PrefixLength != b.PrefixLength || a.PrefixLength == 0 || first.Family != second.Family)
            return false;
        var size = first.Last - first.First + 1;
        // The parent block is twice the size; for ::/1 "size << 1" wraps to 0 and the mask becomes all ones, as it should.
        var parentHostMask = (size << 1) - 1;
        return second.First == first.Last + 1 && (first.First & parentHostMask) == 0;
    }

    private static IPNetwork AnyPrefix(Random random)
    {
        var v6 = random.Next(2) == 0;
        var bytes = new byte[v6 ? 16 : 4];
        random.NextBytes(bytes);
        var length = random.Next(0, 4) == 0 ? random.Next(0, 3) : random.Next(0, bytes.Length * 8 + 1);
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] &= (byte)(0xFF << (8 - Math.Clamp(length - i * 8, 0, 8)));
        return new IPNetwork(new IPAddress(bytes), length);
    }

    private static IEnumerable<AddressRange> Around(AddressRange range)
    {
        var top = AddressRange.BitsOf(range.Family) == 128 ? UInt128.MaxValue : uint.MaxValue;
        foreach (var edge in new[] { range.First, range.Last })
        {
            yield return range with { First = edge };
            if (edge > 0)
                yield return range with { First = edge - 1 };
            if (edge < top)
                yield return range with { First = edge + 1 };
        }
    }
}
