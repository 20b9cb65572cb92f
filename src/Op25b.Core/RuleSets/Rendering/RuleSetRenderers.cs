namespace Op25b.Core.RuleSets.Rendering;

/// <summary>The one renderer for each platform. Renderers are stateless, so one instance serves all callers.</summary>
public static class RuleSetRenderers
{
    public static IReadOnlyList<IRuleSetRenderer> All { get; } =
    [
        new NftablesRenderer(),
        new CiscoIosXeRenderer(),
        new CiscoIosXrRenderer(),
        new JunosRenderer(),
        new IetfAclJsonRenderer(),
    ];

    private static readonly Dictionary<Platform, IRuleSetRenderer> ByPlatform = All.ToDictionary(r => r.Platform);

    /// <exception cref="ArgumentOutOfRangeException">No renderer for that value (not a defined platform).</exception>
    public static IRuleSetRenderer For(Platform platform) =>
        ByPlatform.TryGetValue(platform, out var renderer)
            ? renderer
            : throw new ArgumentOutOfRangeException(nameof(platform), platform, "No renderer for this platform.");
}
