using System.Net;
using Op25b.Core.RuleSets;

namespace Op25b.Core.Tests.RuleSets;

/// <summary>Builds snapshots and compiled content from short prefix lists (space-separated, lab ranges).</summary>
internal static class RuleSetExamples
{
    public const string Group = "lab-east";

    public static PolicySnapshot Snapshot(
        string pools = "100.64.0.0/10 2001:db8:1000::/36",
        string relays = "203.0.113.25/32 2001:db8:25::25/128",
        (long Id, string Prefix)[]? exempt = null,
        BlockingPolicy? policy = null) =>
        new(Group, policy ?? BlockingPolicy.Default, PrefixAggregatorTests.Prefixes(pools), PrefixAggregatorTests.Prefixes(relays),
            [.. (exempt ?? []).Select(e => new ExemptPrefix(e.Id, IPNetwork.Parse(e.Prefix)))]);

    /// <summary>Content with the given exemptions (ids to prefixes) and the default pools and relays.</summary>
    public static RuleSetContent Content(params (long Id, string Prefix)[] exempt) =>
        RuleSetCompiler.Compile(Snapshot(exempt: exempt)).Content;

    /// <summary>Content with exemptions 1..count, each its own address in 100.64.0.0/10 (never adjacent, so never merged).</summary>
    public static RuleSetContent ContentWithExemptions(int first, int count) =>
        Content([.. Enumerable.Range(first, count).Select(i => ((long)i, $"100.64.{i / 100}.{i % 100 * 2}/32"))]);
}
