using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;

namespace Op25b.Core.Tests.RuleSets.Rendering;

public sealed class EmptyGroupPlaceholderTests
{
    private const string V4 = "192.0.2.255";
    private const string V6 = "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff";

    public static TheoryData<Platform, string, string, string> EmptyGroups() => new()
    {
        { Platform.CiscoIosXe, "object-group network OP25B-RELAYS-V4\n", "\n!\n", V4 },
        { Platform.CiscoIosXe, "object-group network OP25B-EXEMPT-V4\n", "\n!\n", V4 },
        { Platform.CiscoIosXe, "object-group v6-network OP25B-RELAYS-V6\n", "\n!\n", V6 },
        { Platform.CiscoIosXe, "object-group v6-network OP25B-EXEMPT-V6\n", "\n!\n", V6 },
        { Platform.CiscoIosXr, "object-group network ipv4 OP25B-RELAYS-V4\n", "\n!\n", V4 },
        { Platform.CiscoIosXr, "object-group network ipv4 OP25B-EXEMPT-V4\n", "\n!\n", V4 },
        { Platform.CiscoIosXr, "object-group network ipv6 OP25B-RELAYS-V6\n", "\n!\n", V6 },
        { Platform.CiscoIosXr, "object-group network ipv6 OP25B-EXEMPT-V6\n", "\n!\n", V6 },
        { Platform.Junos, "prefix-list OP25B-RELAYS-V4 {\n", "\n    }\n", V4 },
        { Platform.Junos, "prefix-list OP25B-EXEMPT-V4 {\n", "\n    }\n", V4 },
        { Platform.Junos, "prefix-list OP25B-RELAYS-V6 {\n", "\n    }\n", V6 },
        { Platform.Junos, "prefix-list OP25B-EXEMPT-V6 {\n", "\n    }\n", V6 },
    };

    [Theory]
    [MemberData(nameof(EmptyGroups))]
    public void An_empty_group_holds_the_TEST_NET_placeholder_and_says_why(Platform platform, string opening, string closing, string placeholder)
    {
        var group = Block(RuleSetRenderers.For(platform).Render(RenderingFixtures.Edge), opening, closing);

        Assert.Contains(placeholder, group, StringComparison.Ordinal);
        Assert.Contains("cannot be empty", group, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Platform.CiscoIosXe)]
    [InlineData(Platform.CiscoIosXr)]
    [InlineData(Platform.Junos)]
    public void Groups_with_entries_get_no_placeholder(Platform platform)
    {
        var rendered = RuleSetRenderers.For(platform).Render(RenderingFixtures.Typical);

        Assert.DoesNotContain(V4, rendered, StringComparison.Ordinal);
        Assert.DoesNotContain(V6, rendered, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Platform.Nftables)]
    [InlineData(Platform.IetfAclJson)]
    public void Platforms_that_allow_empty_sets_get_no_placeholder(Platform platform)
    {
        var rendered = RuleSetRenderers.For(platform).Render(RenderingFixtures.Edge);

        Assert.DoesNotContain(V4, rendered, StringComparison.Ordinal);
        Assert.DoesNotContain(V6, rendered, StringComparison.Ordinal);
    }

    private static string Block(string text, string opening, string closing)
    {
        var start = text.IndexOf(opening, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{opening.Trim()}' not rendered");
        var end = text.IndexOf(closing, start, StringComparison.Ordinal);
        return text[start..end];
    }
}
