namespace Op25b.Persistence.Exports;

/// <summary>The export kinds this host offers, by type name.</summary>
public sealed class ExportCatalog(IEnumerable<IExportSource> sources)
{
    private readonly Dictionary<string, IExportSource> _byType = sources.ToDictionary(s => s.Type, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Types => [.. _byType.Keys.Order(StringComparer.Ordinal)];

    public IExportSource? Find(string? type) => type is not null && _byType.TryGetValue(type, out var s) ? s : null;

    public IExportSource Get(string type) => Find(type) ?? throw new InvalidOperationException($"No export type '{type}'.");
}
