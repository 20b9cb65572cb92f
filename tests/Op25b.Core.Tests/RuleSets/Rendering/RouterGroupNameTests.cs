using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;

namespace Op25b.Core.Tests.RuleSets.Rendering;

public sealed class RouterGroupNameTests
{
    [Theory]
    [InlineData(Platform.Nftables)]
    [InlineData(Platform.CiscoIosXe)]
    [InlineData(Platform.CiscoIosXr)]
    [InlineData(Platform.Junos)]
    public void A_router_group_name_cannot_add_configuration_lines(Platform platform)
    {
        var renderer = RuleSetRenderers.For(platform);
        var hostile = RenderingFixtures.Typical with { RouterGroup = "tokyo\nflush ruleset\r\nno ip access-list extended OP25B-V4" };

        var rendered = renderer.Render(hostile);

        Assert.Equal(renderer.Render(RenderingFixtures.Typical).Split('\n').Length, rendered.Split('\n').Length);
        Assert.Contains("tokyo?flush ruleset??no ip access-list extended OP25B-V4", rendered, StringComparison.Ordinal);
    }
}
