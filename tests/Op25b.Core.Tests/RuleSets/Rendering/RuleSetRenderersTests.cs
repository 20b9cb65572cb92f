using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;

namespace Op25b.Core.Tests.RuleSets.Rendering;

public sealed class RuleSetRenderersTests
{
    [Fact]
    public void Every_platform_has_exactly_one_renderer_for_it()
    {
        var platforms = Enum.GetValues<Platform>();

        foreach (var platform in platforms)
            Assert.Equal(platform, RuleSetRenderers.For(platform).Platform);
        Assert.Equal(platforms.Order(), RuleSetRenderers.All.Select(r => r.Platform).Order());
    }

    [Fact]
    public void Asking_for_an_undefined_platform_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RuleSetRenderers.For((Platform)99));

    [Theory]
    [InlineData(Platform.Nftables, "nft")]
    [InlineData(Platform.CiscoIosXe, "cfg")]
    [InlineData(Platform.CiscoIosXr, "cfg")]
    [InlineData(Platform.Junos, "conf")]
    [InlineData(Platform.IetfAclJson, "json")]
    public void Each_platform_names_its_artifact_with_the_usual_extension(Platform platform, string extension) =>
        Assert.Equal(extension, RuleSetRenderers.For(platform).FileExtension);
}
