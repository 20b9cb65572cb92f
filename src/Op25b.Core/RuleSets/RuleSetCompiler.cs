using System.Globalization;
using System.Net;
using Op25b.Core.Addressing;

namespace Op25b.Core.RuleSets;

/// <summary>
/// Compiles a policy snapshot into the content every platform renders: aggregated, sorted lists,
/// each exempt entry carrying the exemptions it came from, so equal policies hash equally and an
/// auditor can trace every router entry back to an approved exemption.
/// </summary>
public static class RuleSetCompiler
{
    public static CompiledRuleSet Compile(PolicySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrWhiteSpace(snapshot.RouterGroup);
        ArgumentNullException.ThrowIfNull(snapshot.Policy);

        // Pools (up to millions of entries) and exemptions aggregate independently: on a router-sized
        // policy, doing them side by side takes a third off the compile on two cores.
        var poolsAggregation = Task.Run(() => PrefixAggregator.Aggregate(snapshot.Pools));
        var relays = PrefixAggregator.Aggregate(snapshot.Relays);
        var exempt = AggregateExempt(snapshot.Exempt);
        var pools = poolsAggregation.GetAwaiter().GetResult();
        var content = new RuleSetContent(snapshot.RouterGroup, snapshot.Policy, relays, exempt, pools);

        var warnings = Task.Run(() => Warnings(snapshot, pools));
        var (text, hash) = RuleSetCanonical.SerializeAndHash(content);
        return new CompiledRuleSet(content, text, hash, warnings.GetAwaiter().GetResult());
    }

    private static IReadOnlyList<ExemptEntry> AggregateExempt(IReadOnlyList<ExemptPrefix> exempt)
    {
        var prefixes = new IPNetwork[exempt.Count];
        for (var i = 0; i < exempt.Count; i++)
            prefixes[i] = exempt[i].Prefix;
        var aggregated = PrefixAggregator.Aggregate(prefixes);

        // Every input prefix lies inside exactly one aggregated prefix: aligned blocks are either
        // nested or disjoint, and the aggregate consists of the largest blocks of each merged range.
        // Two passes (count, then fill) give each entry an exactly-sized array: no list per entry.
        var index = new PrefixIndex(aggregated);
        var entryOf = new int[exempt.Count];
        var counts = new int[aggregated.Count];
        for (var i = 0; i < entryOf.Length; i++)
        {
            var entry = index.IndexOfContaining(exempt[i].Prefix);
            if (entry < 0)
                throw new InvalidOperationException($"Aggregation lost exempt prefix {exempt[i].Prefix}.");
            entryOf[i] = entry;
            counts[entry]++;
        }
        var ids = new long[aggregated.Count][];
        for (var entry = 0; entry < ids.Length; entry++)
            ids[entry] = new long[counts[entry]];
        for (var i = entryOf.Length - 1; i >= 0; i--)
            ids[entryOf[i]][--counts[entryOf[i]]] = exempt[i].ExemptionId;

        var entries = new ExemptEntry[aggregated.Count];
        for (var i = 0; i < entries.Length; i++)
            entries[i] = new ExemptEntry(aggregated[i], SortedDistinct(ids[i]));
        return entries;
    }

    /// <summary>Sorts in place and drops repeats (an exemption with several prefixes in one entry).</summary>
    private static long[] SortedDistinct(long[] ids)
    {
        if (ids.Length < 2)
            return ids;
        Array.Sort(ids);
        var distinct = 1;
        for (var i = 1; i < ids.Length; i++)
            if (ids[i] != ids[distinct - 1])
                ids[distinct++] = ids[i];
        return distinct == ids.Length ? ids : ids[..distinct];
    }

    private const int MaxExamples = 3;

    private static IReadOnlyList<string> Warnings(PolicySnapshot snapshot, IReadOnlyList<IPNetwork> pools)
    {
        var warnings = new List<string>();
        var group = snapshot.RouterGroup;

        // IPv4-only rules are bypassed entirely over IPv6 (and the reverse), so a family without a
        // deny term leaves port 25 open there whatever the other family does.
        foreach (var (family, name) in new[] { (IpFamily.V4, "IPv4"), (IpFamily.V6, "IPv6") })
            if (!HasFamily(pools, family))
                warnings.Add($"{name} has no deny term: {name} port 25 is not blocked in group {group}.");

        // Only a prefix sharing no address with any pool is reported: one overlapping in part still
        // exempts that part, and exempting a little more than the pools is harmless. One warning
        // for all of them, with a count and a few examples: 200k exemptions outside the pools must
        // not become 200k lines.
        var poolIndex = new PrefixIndex(pools);
        var outside = snapshot.Exempt.Where(e => !poolIndex.Overlaps(e.Prefix)).Distinct()
            .OrderBy(e => e.ExemptionId).ThenBy(e => AddressRange.Of(e.Prefix).Family)
            .ThenBy(e => AddressRange.Of(e.Prefix).First).ThenBy(e => e.Prefix.PrefixLength).ToList();
        if (outside.Count == 1)
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Exemption {outside[0].ExemptionId} prefix {outside[0].Prefix} lies outside every subscriber pool of group {group}: it changes nothing."));
        else if (outside.Count > 1)
        {
            var examples = string.Join(", ", outside.Take(MaxExamples).Select(e => string.Create(CultureInfo.InvariantCulture, $"exemption {e.ExemptionId} prefix {e.Prefix}")));
            var more = outside.Count > MaxExamples ? string.Create(CultureInfo.InvariantCulture, $" and {outside.Count - MaxExamples} more") : "";
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{outside.Count} exempt prefixes lie outside every subscriber pool of group {group} and change nothing: {examples}{more}."));
        }

        return warnings;
    }

    private static bool HasFamily(IReadOnlyList<IPNetwork> prefixes, IpFamily family)
    {
        foreach (var prefix in prefixes)
            if (AddressRange.FamilyOf(prefix.BaseAddress) == family)
                return true;
        return false;
    }
}
