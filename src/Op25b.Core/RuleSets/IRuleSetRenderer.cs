namespace Op25b.Core.RuleSets;

/// <summary>Turns compiled content into one platform's configuration text. Pure and deterministic.</summary>
public interface IRuleSetRenderer
{
    Platform Platform { get; }

    /// <summary>File extension of the artifact, without the dot (nft, cfg, conf, json).</summary>
    string FileExtension { get; }

    string Render(RuleSetContent content);

    /// <summary>
    /// Hardware entries the rendered policy occupies on this platform, counted as the device
    /// expands them (object groups and prefix lists expand to one entry per prefix), for the
    /// ACE budget check before a push.
    /// </summary>
    int ExpandedEntryCount(RuleSetContent content);
}
