using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;

namespace Op25b.Core.Tests.RuleSets.Rendering;

public sealed class NftablesRendererTests
{
    private readonly NftablesRenderer _renderer = new();

    [Fact]
    public void The_file_replaces_the_whole_table_with_the_add_delete_define_idiom()
    {
        var lines = _renderer.Render(RenderingFixtures.Typical).Split('\n').Where(l => !l.StartsWith('#')).Take(3);

        Assert.Equal(["table inet op25b", "delete table inet op25b", "table inet op25b {"], lines);
    }

    [Fact]
    public void The_chain_keeps_every_rule_when_sets_are_empty_so_its_shape_never_changes()
    {
        var empty = RenderingFixtures.Edge with { Pools = [] };

        var rules = Rules(_renderer.Render(empty));

        Assert.Equal(6, rules.Count);
        Assert.Contains("tcp dport 25 ip6 saddr @pools_v6 reject with tcp reset", rules);
    }

    [Fact]
    public void The_log_rule_is_rate_limited_and_the_drop_rule_after_it_is_not()
    {
        var rules = Rules(_renderer.Render(RenderingFixtures.Typical));
        var log = rules.IndexOf("tcp dport 25 ip saddr @pools_v4 limit rate 50/second log prefix \"OP25B-DROP \" group 1");

        Assert.True(log >= 0);
        Assert.Equal("tcp dport 25 ip saddr @pools_v4 drop", rules[log + 1]);
    }

    [Fact]
    public void A_long_provenance_list_is_cut_to_the_128_character_comment_limit_of_nft()
    {
        var content = RenderingFixtures.Typical with
        {
            Exempt = [new ExemptEntry(RenderingFixtures.Net("198.51.100.8/29"), [.. Enumerable.Range(1000, 100).Select(i => (long)i)])],
        };

        var comment = Comment(_renderer.Render(content), "198.51.100.8/29");

        Assert.True(comment.Length <= 128, $"{comment.Length} characters: {comment}");
        Assert.StartsWith("exemptions 1000, 1001, ", comment, StringComparison.Ordinal);
        Assert.EndsWith(" more", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void Provenance_lists_each_exemption_once_in_ascending_order()
    {
        var content = RenderingFixtures.Typical with
        {
            Exempt = [new ExemptEntry(RenderingFixtures.Net("198.51.100.8/29"), [12, 3, 12, 7])],
        };

        Assert.Equal("exemptions 3, 7, 12", Comment(_renderer.Render(content), "198.51.100.8/29"));
    }

    [Fact]
    public void An_out_of_range_NFLOG_group_is_refused()
    {
        var content = RenderingFixtures.Typical with { Policy = RenderingFixtures.Typical.Policy with { NflogGroup = 65536 } };

        Assert.Throws<ArgumentOutOfRangeException>(() => _renderer.Render(content));
    }

    private static List<string> Rules(string nft) =>
        [.. nft.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("tcp dport 25", StringComparison.Ordinal))];

    private static string Comment(string nft, string prefix)
    {
        var line = nft.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(prefix + " comment", StringComparison.Ordinal));
        var open = line.IndexOf('"', StringComparison.Ordinal);
        return line[(open + 1)..line.LastIndexOf('"')];
    }
}
