using System.Collections;
using System.Globalization;
using System.Resources;
using Op25b.OpsUi.Resources;

namespace Op25b.Api.Tests.Console;

/// <summary>The console's two languages stay complete: a text added in one resource file and forgotten in the other would show its key.</summary>
public sealed class ConsoleTextTests
{
    private static readonly ResourceManager Texts = new("Op25b.OpsUi.Resources.ConsoleText", typeof(ConsoleText).Assembly);

    private static Dictionary<string, string> Read(CultureInfo culture) =>
        Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    [Fact]
    public void Every_english_text_has_a_japanese_translation_with_the_same_placeholders()
    {
        var english = Read(CultureInfo.InvariantCulture);
        var japanese = Read(new CultureInfo("ja"));

        Assert.True(english.Count > 50);
        Assert.Equal(english.Keys.Order(), japanese.Keys.Order());
        foreach (var (key, text) in english)
            Assert.True(text.Contains("{0}") == japanese[key].Contains("{0}"), $"{key}: placeholders differ");
        Assert.Contains("ポート25", japanese["Dashboard.Title"]);
    }
}
