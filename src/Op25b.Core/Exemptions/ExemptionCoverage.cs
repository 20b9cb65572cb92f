using Op25b.Core.Subscribers;

namespace Op25b.Core.Exemptions;

/// <summary>
/// An exemption never outlives its address: it is granted for prefixes the subscriber holds,
/// so it ends when the subscriber stops holding any of them. Pure: the caller loads the
/// subscriber's assignments as they are after the change.
/// </summary>
public static class ExemptionCoverage
{
    /// <summary>
    /// The moment from which the subscriber no longer holds every prefix of the exemption, or
    /// null while it holds them for the exemption's whole window. An exemption whose prefix no
    /// assignment covers from its start lost its address at <see cref="Exemption.ValidFrom"/>.
    /// </summary>
    public static DateTimeOffset? AddressLostAt(Exemption exemption, IReadOnlyList<AddressAssignment> assignments)
    {
        DateTimeOffset? lost = null;
        foreach (var prefix in exemption.Prefixes)
        {
            var holders = assignments.Where(a => a.Range.Contains(prefix.Range) && a.ValidFrom <= exemption.ValidFrom).ToList();
            if (holders.Count == 0)
                return exemption.ValidFrom;
            if (holders.Any(a => a.ValidUntil is null))
                continue;
            var heldUntil = holders.Max(a => a.ValidUntil!.Value);
            if (exemption.ValidUntil is { } until && until <= heldUntil)
                continue;
            if (lost is null || heldUntil < lost)
                lost = heldUntil;
        }
        return lost;
    }
}
