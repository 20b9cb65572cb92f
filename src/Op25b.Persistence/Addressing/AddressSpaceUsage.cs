using Microsoft.EntityFrameworkCore;
using Op25b.Core.Addressing;
using Op25b.Core.Exemptions;

namespace Op25b.Persistence.Addressing;

/// <summary>What currently uses an address-space block: pools, current assignments, exemptions still claiming their prefixes.</summary>
public sealed class AddressSpaceUsage(AdminDbContext db)
{
    /// <summary>The first thing removing the block would leave outside the remaining space, in words; null when nothing would.</summary>
    public async Task<string?> StrandedByRemovingAsync(IspPrefix block, DateTimeOffset now, CancellationToken ct)
    {
        var b = block.Range;
        var remaining = (await db.IspAddressSpace.AsNoTracking().Where(p => p.Id != block.Id).ToListAsync(ct)).Select(p => p.Range).ToList();
        bool Stranded(PrefixRange r) => !remaining.Any(s => s.Contains(r));

        var pools = await db.SubscriberPools.AsNoTracking()
            .Where(p => p.Family == b.Family && p.RangeFirst.CompareTo(b.First) >= 0 && p.RangeLast.CompareTo(b.Last) <= 0)
            .Select(p => new { p.Id, p.Prefix, p.Family, p.RangeFirst, p.RangeLast }).ToListAsync(ct);
        if (pools.FirstOrDefault(p => Stranded(new(p.Prefix, p.Family, p.RangeFirst, p.RangeLast))) is { } pool)
            return $"pool {pool.Prefix} (id {pool.Id})";

        var assignments = await db.AddressAssignments.AsNoTracking()
            .Where(a => a.Family == b.Family && a.RangeFirst.CompareTo(b.First) >= 0 && a.RangeLast.CompareTo(b.Last) <= 0)
            .Where(a => a.ValidUntil == null || a.ValidUntil > now)
            .Select(a => new { a.Id, a.Prefix, a.Family, a.RangeFirst, a.RangeLast }).ToListAsync(ct);
        if (assignments.FirstOrDefault(a => Stranded(new(a.Prefix, a.Family, a.RangeFirst, a.RangeLast))) is { } assignment)
            return $"assignment {assignment.Prefix} (id {assignment.Id})";

        var exemptionPrefixes = await db.ExemptionPrefixes.AsNoTracking()
            .Where(p => p.Family == b.Family && p.RangeFirst.CompareTo(b.First) >= 0 && p.RangeLast.CompareTo(b.Last) <= 0)
            .Join(db.Exemptions.Where(e => Exemption.Claiming.Contains(e.Status)), p => p.ExemptionId, e => e.Id,
                (p, e) => new { p.ExemptionId, p.Prefix, p.Family, p.RangeFirst, p.RangeLast })
            .ToListAsync(ct);
        if (exemptionPrefixes.FirstOrDefault(p => Stranded(new(p.Prefix, p.Family, p.RangeFirst, p.RangeLast))) is { } exempted)
            return $"{exempted.Prefix} of exemption {exempted.ExemptionId}";
        return null;
    }
}
