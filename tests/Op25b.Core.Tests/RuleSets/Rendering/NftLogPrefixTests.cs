using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;

namespace Op25b.Core.Tests.RuleSets.Rendering;

public sealed class NftLogPrefixTests
{
    [Theory]
    [InlineData("OP25B-DROP \" accept #")] // would close the nft string and inject a verdict
    [InlineData("OP25B\\nDROP ")]          // backslash escape
    [InlineData("OP25B-$DROP ")]           // nft expands $name inside quoted strings
    [InlineData("OP25B\nDROP ")]           // control character
    [InlineData("OP25B-DRÖP ")]            // not ASCII
    [InlineData("")]
    public void A_log_prefix_nft_would_not_take_literally_is_refused(string prefix)
    {
        var content = RenderingFixtures.Typical with { Policy = RenderingFixtures.Typical.Policy with { LogPrefix = prefix } };

        var error = Assert.Throws<ArgumentException>(() => new NftablesRenderer().Render(content));
        Assert.Equal("LogPrefix", error.ParamName);
    }

    [Fact]
    public void A_log_prefix_longer_than_the_kernel_allows_is_refused()
    {
        Assert.Null(NftLogPrefix.Problem(new string('x', 127)));
        Assert.NotNull(NftLogPrefix.Problem(new string('x', 128)));
    }

    [Fact]
    public void Printable_ASCII_with_spaces_and_punctuation_is_accepted_and_rendered_verbatim()
    {
        var prefix = "OP25B [drop] #1: ";
        var content = RenderingFixtures.Typical with { Policy = RenderingFixtures.Typical.Policy with { LogPrefix = prefix } };

        Assert.Contains($"log prefix \"{prefix}\" group 1", new NftablesRenderer().Render(content), StringComparison.Ordinal);
    }

    [Fact]
    public void The_prefix_is_not_checked_when_logging_is_off_because_it_is_not_rendered()
    {
        var content = RenderingFixtures.Edge with { Policy = RenderingFixtures.Edge.Policy with { LogPrefix = "bad\"prefix" } };

        Assert.DoesNotContain("log", new NftablesRenderer().Render(content), StringComparison.Ordinal);
    }
}
