using Op25b.Core.RuleSets;
using static Op25b.Core.Tests.RuleSets.RuleSetExamples;

namespace Op25b.Core.Tests.RuleSets;

public sealed class AceBudgetTests
{
    // Default pools and relays are 4 prefixes; with 6 fixed terms and 5,200 exemptions the device needs 5,210 entries.
    private static readonly RuleSetContent Large = ContentWithExemptions(1, 5_200);
    private static readonly IRuleSetRenderer IosXr = new CountingRendererFake(Platform.CiscoIosXr, fixedEntries: 6);

    [Fact]
    public void A_rule_set_above_the_budget_is_refused_with_the_platform_and_both_counts()
    {
        var verdict = AceBudget.Check(IosXr, Large, 4_000);

        Assert.False(verdict.WithinBudget);
        Assert.Equal((5_210, (int?)4_000), (verdict.Entries, verdict.Budget));
        Assert.Equal("cisco-iosxr would need 5,210 entries; the router's ACE budget is 4,000.", verdict.Message);
    }

    [Fact]
    public void A_rule_set_that_exactly_fills_the_budget_fits()
    {
        var verdict = AceBudget.Check(IosXr, Large, 5_210);

        Assert.True(verdict.WithinBudget);
        Assert.Equal("cisco-iosxr needs 5,210 entries; within the router's ACE budget of 5,210.", verdict.Message);
    }

    [Fact]
    public void One_entry_over_the_budget_does_not_fit() =>
        Assert.False(AceBudget.Check(IosXr, Large, 5_209).WithinBudget);

    [Fact]
    public void Without_a_budget_any_size_fits()
    {
        var verdict = AceBudget.Check(new CountingRendererFake(Platform.Nftables), Large, null);

        Assert.True(verdict.WithinBudget);
        Assert.Null(verdict.Budget);
        Assert.Equal("nftables needs 5,204 entries; the router has no ACE budget set.", verdict.Message);
    }

    [Fact]
    public void A_negative_budget_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AceBudget.Check(IosXr, Content(), -1));
}
