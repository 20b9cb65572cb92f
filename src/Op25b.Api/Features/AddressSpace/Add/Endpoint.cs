using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Core;
using Op25b.Core.Addressing;
using Op25b.Persistence;
using Op25b.Persistence.Addressing;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.AddressSpace.Add;

/// <summary>Registers a block of the ISP's own address space; overlapping an existing block is refused so each address has one owner row.</summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock, AddressSpaceGuard guard) : Endpoint<Request, AddressSpaceResponse>
{
    public override void Configure()
    {
        Post("/address-space");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Register a block of the ISP's own address space (assignments, pools and exemptions must lie inside it)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var prefix = AddressFields.Prefix(req.Prefix);
        await guard.RequireAsync(prefix, AddressUse.IspSpace, "prefix", ct);
        var range = PrefixRange.Of(prefix);
        var clash = await db.IspAddressSpace.AsNoTracking()
            .Where(p => p.Family == range.Family && p.RangeFirst.CompareTo(range.Last) <= 0 && p.RangeLast.CompareTo(range.First) >= 0)
            .FirstOrDefaultAsync(ct);
        if (clash is not null)
            throw new DomainRuleViolation(ViolationKind.Conflict, "prefix", $"{prefix} overlaps {clash.Prefix}, already registered (id {clash.Id}).");

        var block = IspPrefix.For(prefix, req.Description, clock.GetUtcNow());
        db.IspAddressSpace.Add(block);
        audit.Record(Actor.Of(HttpContext), new AuditRecord("address-space.added", "address-space", () => block.Id.ToString(), null,
            () => AddressSpaceResponse.From(block)));
        await audit.SaveAsync(ct);
        await Send.ResponseAsync(AddressSpaceResponse.From(block), 201, ct);
    }
}
