using System.Net;

namespace Op25b.Core.RuleSets;

/// <summary>Compares two rule sets of a group, e.g. the live one and the one about to be pushed.</summary>
public static class RuleSetDiff
{
    /// <param name="from">The live rule set, or null when nothing is live yet (everything is added).</param>
    /// <param name="to">The rule set to compare it with.</param>
    public static RuleSetDifference Between(RuleSetContent? from, RuleSetContent to)
    {
        ArgumentNullException.ThrowIfNull(to);
        var oldExempt = new Dictionary<IPNetwork, ExemptEntry>();
        foreach (var entry in from?.Exempt ?? [])
            oldExempt.TryAdd(entry.Prefix, entry);
        var newPrefixes = new HashSet<IPNetwork>();
        foreach (var entry in to.Exempt)
            newPrefixes.Add(entry.Prefix);

        var added = new List<ExemptEntry>();
        var changed = new List<ExemptEntry>();
        foreach (var entry in to.Exempt)
        {
            if (!oldExempt.TryGetValue(entry.Prefix, out var old))
                added.Add(entry);
            else if (!old.ExemptionIds.SequenceEqual(entry.ExemptionIds))
                changed.Add(entry);
        }
        var removed = (from?.Exempt ?? []).Where(e => !newPrefixes.Contains(e.Prefix)).ToList();

        return new RuleSetDifference(
            added,
            removed,
            Minus(to.Pools, from?.Pools),
            Minus(from?.Pools, to.Pools),
            Minus(to.Relays, from?.Relays),
            Minus(from?.Relays, to.Relays),
            // A first version changes the policy from "none" to this one.
            from is null || from.Policy != to.Policy)
        {
            ProvenanceChanged = changed,
        };
    }

    /// <summary>The prefixes of <paramref name="left"/> not in <paramref name="right"/>, in the order of <paramref name="left"/>.</summary>
    private static IReadOnlyList<IPNetwork> Minus(IReadOnlyList<IPNetwork>? left, IReadOnlyList<IPNetwork>? right)
    {
        if (left is null)
            return [];
        var exclude = new HashSet<IPNetwork>(right ?? []);
        return left.Where(p => !exclude.Contains(p)).ToList();
    }
}
