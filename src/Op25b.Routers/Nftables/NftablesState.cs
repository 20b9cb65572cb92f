using System.Net;

namespace Op25b.Routers.Nftables;

/// <summary>
/// What a router's <c>table inet op25b</c> holds, as read back with <c>nft -j list table</c>.
/// <paramref name="Sets"/> maps each named set that exists to its addresses in canonical form
/// (<see cref="PrefixSet.Normalize"/>); <paramref name="Chains"/> names the table's chains.
/// </summary>
public sealed record NftablesState(
    bool TableExists,
    IReadOnlySet<string> Chains,
    IReadOnlyDictionary<string, IReadOnlyList<IPNetwork>> Sets)
{
    public const string Table = "op25b";
    public const string ForwardChain = "op25b_forward";

    /// <summary>The table does not exist on the router (never pushed, or deleted).</summary>
    public static readonly NftablesState Absent = new(
        false, new HashSet<string>(), new Dictionary<string, IReadOnlyList<IPNetwork>>());

    public bool IsAbsent => !TableExists;

    /// <summary>The version ids in the marker set (<c>op25b_version</c>): one after a push by this system; none on a table written otherwise.</summary>
    public IReadOnlyList<long> Markers { get; init; } = [];

    public const string MarkerSet = "op25b_version";

    public bool HasChain(string name) => Chains.Contains(name);
}
