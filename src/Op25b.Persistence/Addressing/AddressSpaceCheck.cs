using System.Net;
using Microsoft.EntityFrameworkCore;
using Op25b.Core.Addressing;
using Op25b.Core.Exemptions;

namespace Op25b.Persistence.Addressing;

/// <summary>A stored row that breaks an address rule it predates.</summary>
public sealed record AddressViolation(string What, IPNetwork Prefix, string Reason)
{
    public override string ToString() => $"{What}: {Reason}";
}

/// <summary>
/// Re-applies today's address rules to what is stored: rows written before a rule existed (or
/// before the address space was registered) are reported, never rewritten, because deciding what
/// a wrong exemption should have been is the operator's call. Current assignments and exemptions
/// still claiming their prefixes are checked; history is left alone.
/// </summary>
public sealed class AddressSpaceCheck(AdminDbContext db, AddressLimits limits)
{
    public async Task<IReadOnlyList<AddressViolation>> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var space = (await db.IspAddressSpace.AsNoTracking().ToListAsync(ct)).Select(p => p.Range).ToList();
        var found = new List<AddressViolation>();
        void Check(string what, IPNetwork prefix, AddressUse use)
        {
            if (AddressSpaceRules.Refusal(prefix, use, space, limits) is { } reason)
                found.Add(new(what, prefix, reason));
        }

        foreach (var p in await db.IspAddressSpace.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct))
            Check($"address-space {p.Id}", p.Prefix, AddressUse.IspSpace);
        foreach (var r in await db.MailRelays.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct))
            Check($"relay {r.Id}", r.Prefix, AddressUse.Relay);
        foreach (var p in await db.SubscriberPools.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct))
            Check($"pool {p.Id} of group {p.RouterGroup}", p.Prefix, AddressUse.Pool);
        await foreach (var a in db.AddressAssignments.AsNoTracking().Where(a => a.ValidUntil == null || a.ValidUntil > now)
                           .Join(db.Subscribers, a => a.SubscriberId, s => s.Id, (a, s) => new { a.Id, a.Prefix, s.ExternalId })
                           .OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
            Check($"assignment {a.Id} of subscriber {a.ExternalId}", a.Prefix, AddressUse.Assignment);
        await foreach (var p in db.ExemptionPrefixes.AsNoTracking()
                           .Join(db.Exemptions.Where(e => Exemption.Claiming.Contains(e.Status)), p => p.ExemptionId, e => e.Id, (p, e) => new { p.ExemptionId, p.Prefix })
                           .OrderBy(p => p.ExemptionId).AsAsyncEnumerable().WithCancellation(ct))
            Check($"exemption {p.ExemptionId}", p.Prefix, AddressUse.Exemption);
        return found;
    }
}
