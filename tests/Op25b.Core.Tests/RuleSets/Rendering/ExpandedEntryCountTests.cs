using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;

namespace Op25b.Core.Tests.RuleSets.Rendering;

/// <summary>
/// Typical content per family: v4 has 1 relay, 2 exempt, 1 pool; v6 has 1 relay, 1 exempt, 1 pool.
/// Edge content: no relay, no exempt, 1 pool per family (empty groups hold one placeholder).
/// </summary>
public sealed class ExpandedEntryCountTests
{
    [Theory]
    // 7 set elements + 2 families × 4 rules (relay, exempt, log, verdict).
    [InlineData(Platform.Nftables, 15)]
    // Per ACE (sources × destinations, any = 1): v4 1 + 2 + 1 + permit-all 1 = 5; v6 1 + 1 + 1 + 1 = 4.
    [InlineData(Platform.CiscoIosXe, 9)]
    [InlineData(Platform.CiscoIosXr, 9)]
    // 7 prefix-list entries + 2 filters × 4 terms.
    [InlineData(Platform.Junos, 15)]
    // One ACE per prefix (7) + one permit-all per family.
    [InlineData(Platform.IetfAclJson, 9)]
    public void Typical_content_occupies_the_hand_counted_entries(Platform platform, int expected) =>
        Assert.Equal(expected, RuleSetRenderers.For(platform).ExpandedEntryCount(RenderingFixtures.Typical));

    [Theory]
    // 2 pool elements + 2 families × 3 rules (no log rule).
    [InlineData(Platform.Nftables, 8)]
    // Per family: relay placeholder 1 + exempt placeholder 1 + pool 1 + permit-all 1.
    [InlineData(Platform.CiscoIosXe, 8)]
    [InlineData(Platform.CiscoIosXr, 8)]
    // Per family: 3 list entries (2 of them placeholders) + 4 terms.
    [InlineData(Platform.Junos, 14)]
    // Per family: 1 pool ACE + permit-all; RFC 8519 needs no placeholder.
    [InlineData(Platform.IetfAclJson, 4)]
    public void Empty_groups_still_count_the_placeholder_they_hold(Platform platform, int expected) =>
        Assert.Equal(expected, RuleSetRenderers.For(platform).ExpandedEntryCount(RenderingFixtures.Edge));
}
