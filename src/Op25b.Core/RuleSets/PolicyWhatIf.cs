using System.Net;

namespace Op25b.Core.RuleSets;

/// <summary>Which term of the rule set decides a TCP/25 connection.</summary>
public enum DecidingTerm
{
    /// <summary>Term 1: the destination is one of the ISP's relays.</summary>
    Relay,
    /// <summary>Term 2: the source is exempt.</summary>
    Exemption,
    /// <summary>Term 3: the source is in a subscriber pool: blocked.</summary>
    PoolDeny,
    /// <summary>Term 4: the source is in no pool: the rule set does not touch it.</summary>
    DefaultPermit,
}

public sealed record WhatIfVerdict(bool Allowed, DecidingTerm Term, string? MatchedPrefix, IReadOnlyList<long> ExemptionIds, string Explanation);

/// <summary>
/// "Would a TCP/25 connection from X to Y pass this rule set?" — evaluated over the compiled
/// content in the same first-match order every renderer emits, so the answer holds on every platform.
/// </summary>
public static class PolicyWhatIf
{
    public static WhatIfVerdict Evaluate(RuleSetContent content, IPAddress source, IPAddress destination)
    {
        if (source.AddressFamily != destination.AddressFamily)
            throw new DomainRuleViolation(ViolationKind.Invalid, "destination", "source and destination must be of the same IP family.");

        if (TryFind(content.Relays, destination, out var relay))
            return new(true, DecidingTerm.Relay, relay.ToString(), [], $"{destination} is an ISP mail relay ({relay}): port 25 is always allowed to it.");

        if (content.Exempt.FirstOrDefault(e => e.Prefix.Contains(source)) is { } exempt)
            return new(true, DecidingTerm.Exemption, exempt.Prefix.ToString(), exempt.ExemptionIds,
                $"{source} is exempt through {exempt.Prefix} (exemption {string.Join(", ", exempt.ExemptionIds)}).");

        if (TryFind(content.Pools, source, out var pool))
            return new(false, DecidingTerm.PoolDeny, pool.ToString(), [],
                $"{source} is in subscriber pool {pool}: outbound port 25 is blocked ({content.Policy.Action}).");

        return new(true, DecidingTerm.DefaultPermit, null, [], $"{source} is in no subscriber pool of group {content.RouterGroup}: the rule set does not restrict it.");
    }

    private static bool TryFind(IReadOnlyList<IPNetwork> prefixes, IPAddress address, out IPNetwork match)
    {
        foreach (var prefix in prefixes)
            if (prefix.Contains(address))
            {
                match = prefix;
                return true;
            }
        match = default;
        return false;
    }
}
