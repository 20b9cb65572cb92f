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

    /// <summary>
    /// The version ids named by marker sets (<c>op25b_v&lt;id&gt;</c>, see <c>NftablesIncrement</c>):
    /// one after a push by this system; none on a table written otherwise.
    /// </summary>
    public IReadOnlyList<long> Markers { get; init; } = [];

    /// <summary>The marker set's name without the version id; must match <c>NftablesIncrement.MarkerSetPrefix</c>.</summary>
    public const string MarkerSetPrefix = "op25b_v";

    public static string MarkerSet(long versionId) => MarkerSetPrefix + versionId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The version id a set named <paramref name="name"/> marks; null when it is no marker set.</summary>
    public static long? MarkerOf(string name) =>
        name.StartsWith(MarkerSetPrefix, StringComparison.Ordinal) && name.Length > MarkerSetPrefix.Length
        && long.TryParse(name.AsSpan(MarkerSetPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    public bool HasChain(string name) => Chains.Contains(name);
}
