using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Persistence;

namespace Op25b.Api.Features.AddressSpace.List;

public sealed class Endpoint(AdminDbContext db) : EndpointWithoutRequest<IReadOnlyList<AddressSpaceResponse>>
{
    public override void Configure()
    {
        Get("/address-space");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "List the ISP's own address space");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var blocks = await db.IspAddressSpace.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        await Send.OkAsync(blocks.Select(AddressSpaceResponse.From).ToList(), ct);
    }
}
