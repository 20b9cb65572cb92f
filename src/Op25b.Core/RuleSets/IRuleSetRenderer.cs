namespace Op25b.Core.RuleSets;

/// <summary>Turns compiled content into one platform's configuration text. Pure and deterministic.</summary>
public interface IRuleSetRenderer
{
    Platform Platform { get; }

    /// <summary>File extension of the artifact, without the dot (nft, cfg, conf, json).</summary>
    string FileExtension { get; }

    /// <summary>
    /// Writes the artifact to <paramref name="output"/> as UTF-8 (no BOM), LF line endings, as it
    /// goes: a 200k-entry artifact is tens of megabytes, and never held whole in memory here.
    /// The stream is left open.
    /// </summary>
    void Render(RuleSetContent content, Stream output);

    /// <summary>
    /// Hardware entries the rendered policy occupies on this platform, counted as the device
    /// expands them (object groups and prefix lists expand to one entry per prefix), for the
    /// ACE budget check before a push.
    /// </summary>
    int ExpandedEntryCount(RuleSetContent content);
}

public static class RuleSetRendererExtensions
{
    /// <summary>The whole artifact as a string, for callers that need one (the push driver takes the script whole).</summary>
    public static string Render(this IRuleSetRenderer renderer, RuleSetContent content)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        using var buffer = new MemoryStream();
        renderer.Render(content, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
