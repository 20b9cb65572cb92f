using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Api.Http;
using Op25b.Core;
using Op25b.Core.Access;
using Op25b.Core.Subscribers;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.Subscribers.Upsert;

/// <summary>
/// Create-or-update by external id: the provisioning system can send the same call again after
/// a timeout and get the same result. An unchanged body writes nothing and audits nothing.
/// </summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock) : Endpoint<Request, SubscriberResponse>
{
    public override void Configure()
    {
        Put("/subscribers/{externalId}");
        Roles(Allow.Provisioning);
        Summary(s =>
        {
            s.Summary = "Create or update a subscriber by external id";
            s.Description = "Idempotent. 201 when created, 200 when updated or unchanged. Send If-Match with the ETag to refuse a stale write (412).";
            s.ExampleRequest = new Request { ExternalId = "CRM-000123", DisplayName = "山田商店", ProductCode = "static-business" };
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (!await db.Products.AnyAsync(p => p.Code == req.ProductCode, ct))
            throw new DomainRuleViolation(ViolationKind.Invalid, "productCode", $"Unknown product '{req.ProductCode}'.");

        var now = clock.GetUtcNow();
        var subscriber = await db.Subscribers.Include(s => s.Assignments).FirstOrDefaultAsync(s => s.ExternalId == req.ExternalId, ct);
        var created = subscriber is null;
        if (subscriber is null)
        {
            subscriber = new Subscriber
            {
                ExternalId = req.ExternalId, DisplayName = req.DisplayName, ProductCode = req.ProductCode,
                Status = req.Status, CreatedAt = now, UpdatedAt = now, Version = 1,
            };
            db.Subscribers.Add(subscriber);
            audit.Record(Actor.Of(HttpContext), new AuditRecord("subscriber.created", "subscriber", req.ExternalId, null,
                () => SubscriberResponse.From(subscriber)));
        }
        else
        {
            ETags.RequireMatch(HttpContext, subscriber.Version);
            var unchanged = subscriber.DisplayName == req.DisplayName && subscriber.ProductCode == req.ProductCode && subscriber.Status == req.Status;
            if (!unchanged)
            {
                var before = SubscriberResponse.From(subscriber);
                (subscriber.DisplayName, subscriber.ProductCode, subscriber.Status) = (req.DisplayName, req.ProductCode, req.Status);
                subscriber.UpdatedAt = now;
                subscriber.Version++;
                audit.Record(Actor.Of(HttpContext), new AuditRecord("subscriber.updated", "subscriber", req.ExternalId, before,
                    SubscriberResponse.From(subscriber)));
            }
        }

        await audit.SaveAsync(ct);
        ETags.Set(HttpContext, subscriber.Version);
        await Send.ResponseAsync(SubscriberResponse.From(subscriber), created ? 201 : 200, ct);
    }
}
