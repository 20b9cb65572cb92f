using Op25b.Core.Addressing;
using Op25b.Core.Subscribers;

namespace Op25b.Core.Exemptions;

/// <summary>
/// The checks a new exemption request must pass before it is stored. Pure: the caller loads
/// the subscriber's assignments and the exemptions that could overlap.
/// </summary>
public static class ExemptionRequestRules
{
    /// <summary>
    /// Individual IPv6 addresses rotate (privacy extensions, SLAAC), so an IPv6 exemption is
    /// keyed to the delegated prefix, never to something longer than a /64.
    /// </summary>
    public const int LongestIpv6Prefix = 64;

    public static void Check(
        Product product,
        IReadOnlyList<PrefixRange> requested,
        DateTimeOffset validFrom,
        DateTimeOffset? validUntil,
        string? overrideReason,
        IReadOnlyList<AddressAssignment> assignments,
        IReadOnlyList<Exemption> claimingExemptions)
    {
        if (validUntil is { } until && until <= validFrom)
            throw new DomainRuleViolation(ViolationKind.Invalid, "validUntil", "validUntil must be after validFrom.");

        if (!IsEligible(product, overrideReason))
            throw new DomainRuleViolation(ViolationKind.Invalid, "subscriberExternalId",
                $"Product '{product.Code}' is not eligible for port 25 exemptions; move the line to a static-IP product, or an admin may override with eligibilityOverrideReason.");

        for (var i = 0; i < requested.Count; i++)
        {
            var range = requested[i];
            if (range.Family == IpFamily.V6 && range.Prefix.PrefixLength > LongestIpv6Prefix)
                throw new DomainRuleViolation(ViolationKind.Invalid, $"prefixes[{i}]",
                    $"{range.Prefix} is longer than /{LongestIpv6Prefix}; exempt the delegated IPv6 prefix, not a host address.");

            if (!IsInsideAssignments(range, validFrom, validUntil, assignments))
                throw new DomainRuleViolation(ViolationKind.Invalid, $"prefixes[{i}]",
                    $"{range.Prefix} is not inside an address assignment this subscriber holds for the whole requested window.");

            for (var j = 0; j < i; j++)
                if (requested[j].Overlaps(range))
                    throw new DomainRuleViolation(ViolationKind.Invalid, $"prefixes[{i}]",
                        $"{range.Prefix} overlaps {requested[j].Prefix} in the same request.");

            var clash = claimingExemptions.FirstOrDefault(e =>
                WindowsOverlap(e.ValidFrom, e.ValidUntil, validFrom, validUntil)
                && e.Prefixes.Any(p => p.Range.Overlaps(range)));
            if (clash is not null)
                throw new DomainRuleViolation(ViolationKind.Conflict, $"prefixes[{i}]",
                    $"{range.Prefix} overlaps exemption {clash.Id} ({clash.Status.ToString().ToLowerInvariant()}) in the same period.");
        }
    }

    /// <summary>Pre-check shown to the desk: may this product have an exemption (or did an admin override)?</summary>
    public static bool IsEligible(Product product, string? overrideReason) =>
        product.ExemptionEligible || !string.IsNullOrWhiteSpace(overrideReason);

    /// <summary>Pre-check shown to the desk: does the subscriber hold the prefix for the whole window?</summary>
    public static bool IsInsideAssignments(PrefixRange range, DateTimeOffset validFrom, DateTimeOffset? validUntil,
        IReadOnlyList<AddressAssignment> assignments) =>
        assignments.Any(a => a.Range.Contains(range) && a.CoversWindow(validFrom, validUntil));

    private static bool WindowsOverlap(DateTimeOffset aFrom, DateTimeOffset? aUntil, DateTimeOffset bFrom, DateTimeOffset? bUntil) =>
        (aUntil is null || bFrom < aUntil) && (bUntil is null || aFrom < bUntil);
}
