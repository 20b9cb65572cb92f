using Op25b.Core.Impact;

namespace Op25b.Core.Tests.Impact;

public sealed class ImpactTextsTests
{
    public static IEnumerable<object[]> Codes() =>
        Enum.GetValues<ImpactReason>().Select(r => new object[] { r }).Concat(Enum.GetValues<Remedy>().Select(r => new object[] { r }));

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_reason_and_remedy_has_an_english_and_a_japanese_text(Enum code)
    {
        var en = ImpactTexts.For(code, "en");
        var ja = ImpactTexts.For(code, "ja-JP");
        Assert.False(string.IsNullOrWhiteSpace(en));
        Assert.NotEqual(en, ja);
        Assert.Contains(ja, c => c > '\u3000'); // really Japanese, not a copy of the English
    }

    [Fact]
    public void Codes_are_the_kebab_case_names_the_api_uses_and_an_unknown_language_falls_back_to_english()
    {
        Assert.Equal("switch-to587-smtp-auth", ImpactTexts.Code(Remedy.SwitchTo587SmtpAuth));
        Assert.Equal("own-mta-direct-to-mx", ImpactTexts.Code(ImpactReason.OwnMtaDirectToMx));
        Assert.Equal(ImpactTexts.For(Remedy.UseWebmail, "en"), ImpactTexts.For(Remedy.UseWebmail, "fr"));
        Assert.Equal(["en", "ja"], ImpactTexts.All(Remedy.RelayViaIsp).Keys.Order());
    }
}
