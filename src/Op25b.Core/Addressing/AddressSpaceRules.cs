using System.Net;

namespace Op25b.Core.Addressing;

/// <summary>
/// Whether a prefix may be recorded for a use: never a default route, never a special-purpose
/// range, an exemption or relay no larger than the limits, and assignments, pools and exemptions
/// inside the ISP's registered address space. Pure: callers load the space and act on the refusal.
/// </summary>
public static class AddressSpaceRules
{
    /// <summary>Null when the prefix may be recorded for the use, else why not (one sentence naming the prefix).</summary>
    public static string? Refusal(IPNetwork prefix, AddressUse use, IReadOnlyCollection<PrefixRange> ispSpace, AddressLimits limits)
    {
        if (prefix.PrefixLength == 0)
            return $"{prefix} is the whole address family: never a relay, pool, assignment, exemption or address space.";
        if (SpecialPurposeRanges.Overlapping(prefix) is { } special)
            return $"{prefix} overlaps {special.Network}, {special.Name} ({special.Reference}), which no subscriber, pool, relay or exemption may use.";

        var v4 = prefix.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
        var largest = use switch
        {
            AddressUse.Exemption => v4 ? limits.LargestExemptionV4 : limits.LargestExemptionV6,
            AddressUse.Relay => v4 ? limits.LargestRelayV4 : limits.LargestRelayV6,
            _ => 0,
        };
        if (prefix.PrefixLength < largest)
            return $"{prefix} is larger than the largest {(use == AddressUse.Exemption ? "exemption" : "relay prefix")} allowed, /{largest}.";

        if (use is AddressUse.Assignment or AddressUse.Pool or AddressUse.Exemption)
        {
            if (ispSpace.Count == 0)
                return $"{prefix} cannot be checked against the ISP's address space: none is registered yet (an admin adds it with POST /address-space).";
            var range = PrefixRange.Of(prefix);
            if (!ispSpace.Any(s => s.Contains(range)))
            {
                var sameFamily = string.Join(", ", ispSpace.Where(s => s.Family == range.Family).Select(s => s.Prefix));
                return $"{prefix} lies outside the ISP's address space ({(sameFamily.Length == 0 ? $"none registered for IPv{(int)range.Family}" : sameFamily)}).";
            }
        }
        return null;
    }
}
