using System.Net;
using System.Text.Json;
using Op25b.Core.Addressing;

namespace Op25b.Routers.Nftables;

/// <summary>
/// Reads the output of <c>nft -j list table inet op25b</c> (nftables JSON schema 1, as
/// nft 1.0.6 prints it) into a <see cref="NftablesState"/>. Set elements come as a plain
/// address (a single host), <c>{"prefix":{"addr":…,"len":…}}</c>, <c>{"range":[first,last]}</c>,
/// or any of these wrapped as <c>{"elem":{"val":…,"comment":…}}</c> when they carry a comment,
/// timeout or counter. Addresses are parsed strictly; anything else is refused rather than guessed.
/// </summary>
public static class NftablesJsonParser
{
    private const string LegacyMarkerSet = "op25b_version";

    /// <param name="json">nft's JSON output.</param>
    /// <param name="setsOnly">The output of <c>nft -j list set</c>: it names no table, the table is known to exist.</param>
    public static NftablesState Parse(string json, bool setsOnly = false)
    {
        using var document = JsonDocument.Parse(json);
        return Parse(document, setsOnly);
    }

    /// <summary>Parses nft's JSON as it arrives on <paramref name="json"/>, without first holding it as one string.</summary>
    public static async Task<NftablesState> ParseAsync(Stream json, CancellationToken ct)
    {
        using var document = await JsonDocument.ParseAsync(json, cancellationToken: ct).ConfigureAwait(false);
        return Parse(document, setsOnly: false);
    }

    private static NftablesState Parse(JsonDocument document, bool setsOnly)
    {
        if (!document.RootElement.TryGetProperty("nftables", out var objects) || objects.ValueKind != JsonValueKind.Array)
            throw new FormatException("not nftables JSON: no top-level \"nftables\" array");

        var tableExists = setsOnly;
        var markers = new List<long>();
        var chains = new HashSet<string>(StringComparer.Ordinal);
        var sets = new Dictionary<string, IReadOnlyList<IPNetwork>>(StringComparer.Ordinal);
        foreach (var item in objects.EnumerateArray())
        {
            if (item.TryGetProperty("table", out var table) && IsOurs(table, "name"))
                tableExists = true;
            else if (item.TryGetProperty("chain", out var chain) && IsOurs(chain, "table"))
                chains.Add(chain.GetProperty("name").GetString()!);
            else if (item.TryGetProperty("set", out var set) && IsOurs(set, "table"))
            {
                var name = set.GetProperty("name").GetString()!;
                if (NftablesState.MarkerOf(name) is { } marker)
                    markers.Add(marker);
                else if (name == LegacyMarkerSet)
                    // Before marker sets were named after the version, one set held the id as an element.
                    markers.AddRange(set.TryGetProperty("elem", out var ids) ? ids.EnumerateArray().Select(id => id.GetInt64()) : []);
                else
                    sets[name] = Elements(set);
            }
        }
        return tableExists ? new NftablesState(true, chains, sets) { Markers = markers } : NftablesState.Absent;
    }

    /// <summary>
    /// True when <c>nft list table</c> failed because the table does not exist; nft 1.0.6 exits
    /// 1 with "Error: No such file or directory" on stderr.
    /// </summary>
    public static bool IsNoSuchTable(string standardError) =>
        standardError.Contains("No such file or directory", StringComparison.Ordinal);

    private static bool IsOurs(JsonElement obj, string tableProperty) =>
        obj.TryGetProperty("family", out var family) && family.GetString() == "inet"
        && obj.TryGetProperty(tableProperty, out var name) && name.GetString() == NftablesState.Table;

    private static IReadOnlyList<IPNetwork> Elements(JsonElement set)
    {
        if (!set.TryGetProperty("elem", out var elements))
            return [];
        var name = set.GetProperty("name").GetString();
        var intervals = new List<AddressInterval>();
        foreach (var element in elements.EnumerateArray())
        {
            try
            {
                intervals.Add(Element(element));
            }
            catch (FormatException e)
            {
                throw new FormatException($"set {name}: {e.Message}", e);
            }
        }
        return AddressInterval.ToPrefixes(AddressInterval.Merge(intervals));
    }

    private static AddressInterval Element(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            var address = Address(element);
            return AddressInterval.Of(new IPNetwork(address, address.GetAddressBytes().Length * 8));
        }
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("elem", out var wrapped))
                return Element(wrapped.GetProperty("val"));
            if (element.TryGetProperty("prefix", out var prefix))
            {
                var text = $"{prefix.GetProperty("addr").GetString()}/{prefix.GetProperty("len").GetInt32()}";
                if (!PrefixParser.TryParsePrefix(text, out var network, out var error))
                    throw new FormatException(error);
                return AddressInterval.Of(network);
            }
            if (element.TryGetProperty("range", out var range) && range.GetArrayLength() == 2)
                return AddressInterval.Of(Address(range[0]), Address(range[1]));
        }
        throw new FormatException($"unsupported set element {element.GetRawText()}");
    }

    private static IPAddress Address(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String || !PrefixParser.TryParseAddress(value.GetString(), out var address, out var error))
            throw new FormatException($"unsupported set element {value.GetRawText()}");
        return address;
    }
}
