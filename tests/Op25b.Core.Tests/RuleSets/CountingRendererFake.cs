using Op25b.Core.RuleSets;

namespace Op25b.Core.Tests.RuleSets;

/// <summary>
/// Stands in for a vendor renderer (the real ones live elsewhere): one entry per prefix, as a device
/// expands object groups, plus a fixed number of entries for the terms themselves.
/// </summary>
internal sealed class CountingRendererFake(Platform platform, int fixedEntries = 0) : IRuleSetRenderer
{
    public Platform Platform => platform;

    public string FileExtension => "txt";

    public void Render(RuleSetContent content, Stream output) =>
        output.Write(System.Text.Encoding.UTF8.GetBytes($"{content.Relays.Count} relays, {content.Exempt.Count} exempt, {content.Pools.Count} pools"));

    public int ExpandedEntryCount(RuleSetContent content) =>
        content.Relays.Count + content.Exempt.Count + content.Pools.Count + fixedEntries;
}
