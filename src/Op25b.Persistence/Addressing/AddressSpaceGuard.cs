using System.Net;
using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Core.Addressing;

namespace Op25b.Persistence.Addressing;

/// <summary>
/// Applies <see cref="AddressSpaceRules"/> with the registered address space and the configured
/// limits, and answers a refusal as a 400 naming the request field.
/// </summary>
public sealed class AddressSpaceGuard(AdminDbContext db, AddressLimits limits)
{
    public async Task<IReadOnlyList<PrefixRange>> SpaceAsync(CancellationToken ct) =>
        (await db.IspAddressSpace.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct)).Select(p => p.Range).ToList();

    public async Task RequireAsync(IPNetwork prefix, AddressUse use, string field, CancellationToken ct) =>
        Require(prefix, use, field, use is AddressUse.Relay or AddressUse.IspSpace ? [] : await SpaceAsync(ct));

    public async Task RequireAllAsync(IReadOnlyList<IPNetwork> prefixes, AddressUse use, string field, CancellationToken ct)
    {
        var space = await SpaceAsync(ct);
        for (var i = 0; i < prefixes.Count; i++)
            Require(prefixes[i], use, $"{field}[{i}]", space);
    }

    private void Require(IPNetwork prefix, AddressUse use, string field, IReadOnlyList<PrefixRange> space)
    {
        if (AddressSpaceRules.Refusal(prefix, use, space, limits) is { } refusal)
            throw new DomainRuleViolation(ViolationKind.Invalid, field, refusal);
    }
}
