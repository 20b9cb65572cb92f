using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Core.Subscribers;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.Products.Upsert;

public sealed class Endpoint(AdminDbContext db, AuditTrail audit) : Endpoint<Request, Product>
{
    public override void Configure()
    {
        Put("/products/{code}");
        Roles(Allow.AdminsOnly);
        Summary(s => s.Summary = "Create or update a product (eligibility for exemptions is set here)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Code == req.Code, ct);
        var before = product is null ? null : new Product { Code = product.Code, Name = product.Name, InBlockingScope = product.InBlockingScope, ExemptionEligible = product.ExemptionEligible };
        if (product is null)
        {
            product = new Product { Code = req.Code, Name = req.Name };
            db.Products.Add(product);
        }
        (product.Name, product.InBlockingScope, product.ExemptionEligible) = (req.Name, req.InBlockingScope!.Value, req.ExemptionEligible!.Value);
        audit.Record(Actor.Of(HttpContext), new AuditRecord(before is null ? "product.created" : "product.updated", "product", req.Code, before, product));
        await audit.SaveAsync(ct);
        await Send.ResponseAsync(product, before is null ? 201 : 200, ct);
    }
}
