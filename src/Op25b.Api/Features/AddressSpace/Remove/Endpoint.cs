using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Core;
using Op25b.Persistence;
using Op25b.Persistence.Addressing;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.AddressSpace.Remove;

public sealed class Request
{
    public long Id { get; set; }
    public string? Reason { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator() => RuleFor(r => r.Reason).MaximumLength(2000);
    }
}

/// <summary>
/// Removes a block unless something still in use (a pool, a current assignment, a requested or
/// approved exemption) would be left outside the remaining space: that would turn valid data
/// into violations behind the operator's back.
/// </summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock) : Endpoint<Request, AddressSpaceResponse>
{
    public override void Configure()
    {
        Delete("/address-space/{id:long}");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Remove a block of the ISP's address space (refused while pools, assignments or exemptions lie only inside it)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var block = await db.IspAddressSpace.FirstOrDefaultAsync(p => p.Id == req.Id, ct)
            ?? throw new DomainRuleViolation(ViolationKind.NotFound, "id", $"No address-space block with id {req.Id}.");
        if (await new AddressSpaceUsage(db).StrandedByRemovingAsync(block, clock.GetUtcNow(), ct) is { } stranded)
            throw new DomainRuleViolation(ViolationKind.Conflict, "id", $"{block.Prefix} still holds {stranded}; move or end it first.");
        db.IspAddressSpace.Remove(block);
        audit.Record(Actor.Of(HttpContext), new AuditRecord("address-space.removed", "address-space", block.Id.ToString(),
            AddressSpaceResponse.From(block), null, req.Reason));
        await audit.SaveAsync(ct);
        await Send.OkAsync(AddressSpaceResponse.From(block), ct);
    }
}
