using System.Net;

namespace Op25b.Routers.Nftables;

/// <summary>
/// What a pushed rule set must leave on the router: the addresses of each named set (in any
/// form; compared as address sets) and the chain that enforces them.
/// </summary>
public sealed record NftablesExpectation(IReadOnlyDictionary<string, IReadOnlyList<IPNetwork>> Sets)
{
    public string Chain { get; init; } = NftablesState.ForwardChain;

    /// <summary>The version id the marker set must hold alone; null: not compared (a drift check compares content only).</summary>
    public long? Marker { get; init; }

    /// <summary>
    /// SHA-256 of the table's listing as nft prints it (<c>NftablesListing.Digest</c>); when set, a
    /// push is verified by the router's digest of its own listing instead of by reading anything back.
    /// </summary>
    public string? Digest { get; init; }

    /// <summary>Only the sets the read-back fetched are compared, and the chain is not (an increment touches neither the chain nor other sets).</summary>
    public bool SetsOnly { get; init; }

    /// <summary>
    /// Human-readable differences between this expectation and <paramref name="actual"/>, one
    /// per line, e.g. "pools_v4: missing 100.96.0.0/11"; empty when the router matches. Sets on
    /// the router that the expectation does not name are not compared.
    /// </summary>
    public IReadOnlyList<string> Compare(NftablesState actual)
    {
        if (actual.IsAbsent)
            return [$"table inet {NftablesState.Table} is absent"];

        var differences = new List<string>();
        if (!SetsOnly && !actual.HasChain(Chain))
            differences.Add($"chain {Chain} is absent");
        if (Marker is { } marker && !actual.Markers.SequenceEqual([marker]))
            differences.Add($"version marker is [{string.Join(", ", actual.Markers)}], not [{marker}]");
        foreach (var (name, expected) in Sets.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (!actual.Sets.TryGetValue(name, out var present))
            {
                differences.Add($"set {name} is absent");
                continue;
            }
            var missing = PrefixSet.Except(expected, present);
            var unexpected = PrefixSet.Except(present, expected);
            if (missing.Count > 0)
                differences.Add($"{name}: missing {List(missing)}");
            if (unexpected.Count > 0)
                differences.Add($"{name}: unexpected {List(unexpected)}");
        }
        return differences;
    }

    // A drifted 100k set must not turn into a megabyte of text.
    private static string List(IReadOnlyList<IPNetwork> prefixes, int shown = 20) =>
        string.Join(", ", prefixes.Take(shown)) + (prefixes.Count > shown ? $" and {prefixes.Count - shown} more" : "");
}
