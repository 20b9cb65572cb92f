using System.Globalization;
using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;

namespace Op25b.Core.Tests.RuleSets.Rendering;

public sealed class GoldenFileTests
{
    public static TheoryData<string, Platform> CasesAndPlatforms()
    {
        var data = new TheoryData<string, Platform>();
        foreach (var caseName in RenderingFixtures.Cases.Keys)
            foreach (var platform in Enum.GetValues<Platform>())
                data.Add(caseName, platform);
        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAndPlatforms))]
    public void Rendering_matches_the_reviewed_golden_file(string caseName, Platform platform)
    {
        var renderer = RuleSetRenderers.For(platform);
        var rendered = renderer.Render(RenderingFixtures.Cases[caseName]);
        var path = GoldenFiles.PathFor(caseName, renderer);

        if (GoldenFiles.Updating)
        {
            File.WriteAllText(path, rendered);
            return;
        }
        Assert.True(File.Exists(path), $"{path} is missing; run the tests once with UPDATE_GOLDEN=1 and review the new file.");
        Assert.Equal(File.ReadAllText(path), rendered);
    }

    [Theory]
    [MemberData(nameof(CasesAndPlatforms))]
    public void Output_has_LF_line_endings_and_ends_with_a_newline(string caseName, Platform platform)
    {
        var rendered = RuleSetRenderers.For(platform).Render(RenderingFixtures.Cases[caseName]);

        Assert.DoesNotContain('\r', rendered);
        Assert.EndsWith("\n", rendered, StringComparison.Ordinal);
        Assert.False(rendered.EndsWith("\n\n", StringComparison.Ordinal), "no trailing blank line");
    }

    [Theory]
    [MemberData(nameof(CasesAndPlatforms))]
    public void Output_is_the_same_under_any_culture(string caseName, Platform platform)
    {
        var renderer = RuleSetRenderers.For(platform);
        var content = RenderingFixtures.Cases[caseName];
        var invariant = WithCulture(CultureInfo.InvariantCulture, () => renderer.Render(content));

        // Arabic (Saudi Arabia) has native digits and a different negative sign; Turkish has the dotted/dotless i.
        foreach (var culture in new[] { "ar-SA", "tr-TR", "fa-IR", "de-DE" })
            Assert.Equal(invariant, WithCulture(new CultureInfo(culture), () => renderer.Render(content)));
    }

    [Theory]
    [MemberData(nameof(CasesAndPlatforms))]
    public void Equal_content_renders_to_equal_text(string caseName, Platform platform)
    {
        var original = RenderingFixtures.Cases[caseName];
        var copy = original with
        {
            Relays = [.. original.Relays],
            Exempt = [.. original.Exempt.Select(e => e with { ExemptionIds = [.. e.ExemptionIds] })],
            Pools = [.. original.Pools],
        };
        var renderer = RuleSetRenderers.For(platform);

        Assert.Equal(renderer.Render(original), renderer.Render(copy));
    }

    private static string WithCulture(CultureInfo culture, Func<string> render)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            return render();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }
}
