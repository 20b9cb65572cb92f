using System.Globalization;

namespace Op25b.Core.RuleSets;

/// <summary>The guard's decision; when <see cref="Hold"/> is set the push waits for a network-admin.</summary>
public sealed record MassRemovalVerdict(bool Hold, int LiveExemptions, int RemovedExemptions, double RemovedShare, string Message);

/// <summary>
/// Holds a push that would drop a large share of the exemptions live on a router. Losing an
/// exemption cuts a business customer's mail server off at once, so a mass drop (a bad import, an
/// expiry job run against the wrong date) must be confirmed by a person rather than pushed.
/// </summary>
public static class MassRemovalGuard
{
    /// <param name="live">The rule set live on the router, or null when none is.</param>
    /// <param name="next">The rule set about to be pushed.</param>
    /// <param name="maxRemovedShare">Largest share (0 to 1) of live exemptions a push may drop unconfirmed, e.g. 0.25.</param>
    public static MassRemovalVerdict Check(RuleSetContent? live, RuleSetContent next, double maxRemovedShare)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (!(maxRemovedShare is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(maxRemovedShare), maxRemovedShare, "The share must be between 0 and 1.");
        if (live is null)
            return new MassRemovalVerdict(false, 0, 0, 0, "No version is live on the router yet: no exemption can be dropped.");

        // Counted by exemption, not by prefix: aggregation may merge or split prefixes between versions
        // while every exemption stays in force.
        var liveIds = ExemptionIds(live);
        if (liveIds.Count == 0)
            return new MassRemovalVerdict(false, 0, 0, 0, "No exemptions are live on the router: none can be dropped.");
        var nextIds = ExemptionIds(next);
        var removed = liveIds.Count(id => !nextIds.Contains(id));

        var share = (double)removed / liveIds.Count;
        var hold = share > maxRemovedShare;
        var drops = string.Create(CultureInfo.InvariantCulture,
            $"This version drops {removed:N0} of {liveIds.Count:N0} exemptions ({Percent(share)}) live on the router");
        var message = hold
            ? $"{drops}; above the {Percent(maxRemovedShare)} limit: a network-admin must confirm."
            : $"{drops}; within the {Percent(maxRemovedShare)} limit.";
        return new MassRemovalVerdict(hold, liveIds.Count, removed, share, message);
    }

    private static HashSet<long> ExemptionIds(RuleSetContent content)
    {
        var ids = new HashSet<long>();
        foreach (var entry in content.Exempt)
            ids.UnionWith(entry.ExemptionIds);
        return ids;
    }

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
