using Op25b.Core.RuleSets;
using static Op25b.Core.Tests.RuleSets.PrefixAggregatorTests;
using static Op25b.Core.Tests.RuleSets.RuleSetExamples;

namespace Op25b.Core.Tests.RuleSets;

public sealed class RuleSetDiffTests
{
    [Fact]
    public void Identical_rule_sets_differ_in_nothing()
    {
        var content = Content((1, "100.64.7.0/24"), (2, "2001:db8:1200::/56"));
        var difference = RuleSetDiff.Between(content, RuleSetCanonical.Parse(RuleSetCanonical.Serialize(content)));

        Assert.True(difference.IsEmpty);
        Assert.False(difference.ChangesRules);
    }

    [Fact]
    public void A_new_and_a_dropped_exemption_show_as_added_and_removed_entries()
    {
        var from = Content((1, "100.64.7.0/24"), (2, "100.64.9.0/24"));
        var to = Content((1, "100.64.7.0/24"), (3, "2001:db8:1200::/56"));

        var difference = RuleSetDiff.Between(from, to);

        Assert.Equal(["2001:db8:1200::/56"], Texts(difference.AddedExempt.Select(e => e.Prefix)));
        Assert.Equal([3L], difference.AddedExempt[0].ExemptionIds);
        Assert.Equal(["100.64.9.0/24"], Texts(difference.RemovedExempt.Select(e => e.Prefix)));
        Assert.Equal([2L], difference.RemovedExempt[0].ExemptionIds);
        Assert.Empty(difference.ProvenanceChanged);
        Assert.True(difference.ChangesRules);
        Assert.False(difference.IsEmpty);
    }

    [Fact]
    public void Prefixes_are_compared_as_prefixes_so_a_merge_removes_the_halves_and_adds_the_whole()
    {
        var from = Content((1, "100.64.7.0/25"));
        var to = Content((1, "100.64.7.0/25"), (2, "100.64.7.128/25"));

        var difference = RuleSetDiff.Between(from, to);

        Assert.Equal(["100.64.7.0/24"], Texts(difference.AddedExempt.Select(e => e.Prefix)));
        Assert.Equal(["100.64.7.0/25"], Texts(difference.RemovedExempt.Select(e => e.Prefix)));
    }

    [Fact]
    public void A_second_exemption_for_an_exempt_prefix_changes_provenance_but_not_the_rules()
    {
        var from = Content((1, "100.64.7.0/24"));
        var to = Content((1, "100.64.7.0/24"), (4, "100.64.7.0/24"));

        var difference = RuleSetDiff.Between(from, to);

        Assert.Empty(difference.AddedExempt);
        Assert.Empty(difference.RemovedExempt);
        Assert.Equal([1L, 4L], Assert.Single(difference.ProvenanceChanged).ExemptionIds);
        Assert.False(difference.ChangesRules);
        Assert.False(difference.IsEmpty);
    }

    [Fact]
    public void Pool_and_relay_changes_are_listed_in_their_own_lists()
    {
        var from = RuleSetCompiler.Compile(Snapshot(pools: "100.64.0.0/10 2001:db8:1000::/36", relays: "203.0.113.25/32")).Content;
        var to = RuleSetCompiler.Compile(Snapshot(pools: "100.64.0.0/10 198.51.100.0/24", relays: "203.0.113.26/32")).Content;

        var difference = RuleSetDiff.Between(from, to);

        Assert.Equal(["198.51.100.0/24"], Texts(difference.AddedPools));
        Assert.Equal(["2001:db8:1000::/36"], Texts(difference.RemovedPools));
        Assert.Equal(["203.0.113.26/32"], Texts(difference.AddedRelays));
        Assert.Equal(["203.0.113.25/32"], Texts(difference.RemovedRelays));
        Assert.False(difference.PolicyChanged);
        Assert.Empty(difference.AddedExempt);
    }

    [Fact]
    public void A_different_action_is_a_policy_change()
    {
        var from = RuleSetCompiler.Compile(Snapshot()).Content;
        var to = RuleSetCompiler.Compile(Snapshot(policy: BlockingPolicy.Default with { Action = BlockAction.RejectTcpReset })).Content;

        var difference = RuleSetDiff.Between(from, to);

        Assert.True(difference.PolicyChanged);
        Assert.True(difference.ChangesRules);
        Assert.Empty(difference.AddedPools);
    }

    [Fact]
    public void With_nothing_live_everything_is_added_and_the_policy_is_new()
    {
        var to = Content((1, "100.64.7.0/24"));

        var difference = RuleSetDiff.Between(null, to);

        Assert.Equal(to.Exempt, difference.AddedExempt);
        Assert.Equal(to.Pools, difference.AddedPools);
        Assert.Equal(to.Relays, difference.AddedRelays);
        Assert.Empty(difference.RemovedExempt);
        Assert.Empty(difference.RemovedPools);
        Assert.Empty(difference.RemovedRelays);
        Assert.True(difference.PolicyChanged);
    }
}
