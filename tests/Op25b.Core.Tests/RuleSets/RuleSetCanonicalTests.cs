using Op25b.Core.RuleSets;
using static Op25b.Core.Tests.RuleSets.PrefixAggregatorTests;
using static Op25b.Core.Tests.RuleSets.RuleSetExamples;

namespace Op25b.Core.Tests.RuleSets;

public sealed class RuleSetCanonicalTests
{
    // Broken over lines for reading only; the canonical text itself has no whitespace.
    private static readonly string Example = """
        {"format":1,"routerGroup":"lab-east",
        "policy":{"action":"reject-tcp-reset","logging":true,"nflogGroup":7,"logPrefix":"OP25B-DROP ","logRatePerSecond":20},
        "relays":["203.0.113.25/32","2001:db8:25::25/128"],
        "exempt":[{"prefix":"100.64.7.0/24","exemptionIds":[3,11]},{"prefix":"2001:db8:1200::/56","exemptionIds":[8]}],
        "pools":["100.64.0.0/10","2001:db8:1000::/36"]}
        """.ReplaceLineEndings("");

    [Fact]
    public void Canonical_text_is_compact_json_in_a_fixed_order_with_kebab_case_actions()
    {
        var compiled = RuleSetCompiler.Compile(Snapshot(
            exempt: [(11, "100.64.7.128/25"), (3, "100.64.7.0/25"), (8, "2001:db8:1200::/56")],
            policy: new BlockingPolicy(BlockAction.RejectTcpReset, NflogGroup: 7, LogRatePerSecond: 20)));

        Assert.Equal(Example, compiled.CanonicalText);
    }

    [Fact]
    public void Parse_reads_back_every_field()
    {
        var content = RuleSetCanonical.Parse(Example);

        Assert.Equal("lab-east", content.RouterGroup);
        Assert.Equal(new BlockingPolicy(BlockAction.RejectTcpReset, true, 7, "OP25B-DROP ", 20), content.Policy);
        Assert.Equal(["203.0.113.25/32", "2001:db8:25::25/128"], Texts(content.Relays));
        Assert.Equal(["100.64.7.0/24", "2001:db8:1200::/56"], Texts(content.Exempt.Select(e => e.Prefix)));
        Assert.Equal([[3L, 11L], [8L]], content.Exempt.Select(e => e.ExemptionIds.ToArray()));
        Assert.Equal(["100.64.0.0/10", "2001:db8:1000::/36"], Texts(content.Pools));
    }

    [Fact]
    public void Serialize_after_parse_gives_back_the_same_text_for_random_compiled_rule_sets()
    {
        var random = new Random(25);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            var prefixes = SmallUniverse.RandomPrefixes(random);
            var snapshot = new PolicySnapshot(
                $"group-{iteration}",
                new BlockingPolicy((BlockAction)random.Next(2), random.Next(2) == 0, random.Next(1, 10), "OP25B \"x\" ", random.Next(1, 100)),
                prefixes.Where((_, i) => i % 3 == 0).ToArray(),
                prefixes.Where((_, i) => i % 3 == 1).ToArray(),
                prefixes.Where((_, i) => i % 3 == 2).Select(p => new ExemptPrefix(random.NextInt64(1, long.MaxValue), p)).ToArray());
            var text = RuleSetCompiler.Compile(snapshot).CanonicalText;

            Assert.Equal(text, RuleSetCanonical.Serialize(RuleSetCanonical.Parse(text)));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("not json")]
    public void Parse_refuses_what_is_not_a_rule_set(string text) =>
        Assert.Throws<FormatException>(() => RuleSetCanonical.Parse(text));

    [Theory]
    [InlineData("\"action\":\"reject-tcp-reset\"", "\"action\":\"RejectTcpReset\"")]
    [InlineData("\"action\":\"reject-tcp-reset\"", "\"action\":\"reject\"")]
    [InlineData("\"100.64.7.0/24\"", "\"100.64.7.1/24\"")]
    [InlineData("\"100.64.7.0/24\"", "\"100.64.7/24\"")]
    [InlineData("\"100.64.7.0/24\"", "\"100.64.7.0/33\"")]
    [InlineData("\"format\":1", "\"format\":2")]
    [InlineData("\"routerGroup\":\"lab-east\"", "\"routerGroup\":null")]
    [InlineData("\"exemptionIds\":[8]", "\"exemptionIds\":[\"8\"]")]
    [InlineData(",\"pools\":[\"100.64.0.0/10\",\"2001:db8:1000::/36\"]", "")]
    [InlineData("{\"format\":1,", "{ \"format\":1,")]
    [InlineData("\"logging\":true,\"nflogGroup\":7", "\"nflogGroup\":7,\"logging\":true")]
    public void Parse_refuses_text_that_is_not_exactly_canonical(string part, string replacement)
    {
        Assert.Contains(part, Example);
        Assert.Throws<FormatException>(() => RuleSetCanonical.Parse(Example.Replace(part, replacement)));
    }

    [Theory]
    [InlineData(BlockAction.Drop, "drop")]
    [InlineData(BlockAction.RejectTcpReset, "reject-tcp-reset")]
    public void Every_action_has_a_fixed_wire_name(BlockAction action, string name) =>
        Assert.Equal(name, RuleSetCanonical.ActionName(action));
}
