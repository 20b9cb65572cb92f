using System.Net;
using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;

namespace Op25b.Core.Tests.RuleSets.Rendering;

public sealed class NftablesIncrementTests
{
    /// <summary><paramref name="pools"/> non-adjacent /32 pool entries (no aggregation can fold them), and the given exemptions.</summary>
    internal static RuleSetContent Content(int pools, params (string Prefix, long Id)[] exempt) => new(
        "g", BlockingPolicy.Default, [IPNetwork.Parse("203.0.113.25/32")],
        exempt.Select(e => new ExemptEntry(IPNetwork.Parse(e.Prefix), [e.Id])).ToList(),
        Enumerable.Range(0, pools).Select(i => new IPNetwork(new IPAddress([100, (byte)(64 + i / 32768), (byte)(i / 128 % 256), (byte)(i % 128 * 2)]), 32)).ToList());

    private static string Increment(int pools) =>
        NftablesIncrement.Render(RuleSetDiff.Between(Content(pools), Content(pools, ("198.51.100.8/29", 42))), 7, 8)!;

    [Fact]
    public void One_exemption_is_one_small_transaction_whatever_the_size_of_the_sets()
    {
        var small = Increment(100);
        var large = Increment(200_000);

        Assert.Equal(small, large);
        Assert.True(large.Length < 300, large);
        // No "add element": any element command makes nft 1.0.6 fetch every interval set's elements first.
        Assert.DoesNotContain("add element", large);
        Assert.Equal("""
            delete set inet op25b op25b_v7
            table inet op25b {
            	set op25b_v8 {
            		type mark;
            	}
            	set exempt_v4 {
            		type ipv4_addr;
            		flags interval;
            		elements = {
            			198.51.100.8/29 comment "exemption 42",
            		}
            	}
            }

            """.ReplaceLineEndings("\n"), large);
    }

    [Fact]
    public void Deletes_come_before_adds_so_a_replaced_prefix_may_overlap_its_replacement()
    {
        var text = NftablesIncrement.Render(RuleSetDiff.Between(
            Content(1, ("198.51.100.8/30", 1), ("198.51.100.12/30", 2)), Content(1, ("198.51.100.8/29", 3))), 1, 2)!;

        Assert.True(text.IndexOf("delete element inet op25b exempt_v4", StringComparison.Ordinal)
                    < text.IndexOf("set exempt_v4 {", StringComparison.Ordinal), text);
        Assert.StartsWith("delete set inet op25b op25b_v1\n", text);
    }

    [Fact]
    public void A_policy_change_has_no_increment()
    {
        var before = Content(1);
        var after = before with { Policy = before.Policy with { Action = BlockAction.Drop == before.Policy.Action ? BlockAction.RejectTcpReset : BlockAction.Drop } };
        Assert.Null(NftablesIncrement.Render(RuleSetDiff.Between(before, after), 1, 2));
    }
}
