using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Core.Subscribers;
using Op25b.Persistence;

namespace Op25b.Api.Features.Products.List;

public sealed class Endpoint(AdminDbContext db) : EndpointWithoutRequest<IReadOnlyList<Product>>
{
    public override void Configure()
    {
        Get("/products");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "List products and whether each is in blocking scope and eligible for exemptions");
    }

    public override async Task HandleAsync(CancellationToken ct) =>
        await Send.OkAsync(await db.Products.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct), ct);
}
