using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Api.Features.Exemptions;
using Op25b.Api.Http;
using Op25b.Api.Rollout;
using Op25b.Core;
using Op25b.Core.Subscribers;
using Op25b.Persistence;
using Op25b.Persistence.Audit;
using Op25b.Persistence.Exemptions;
using Op25b.Persistence.Integrity;

namespace Op25b.Api.Features.Subscribers.Upsert;

/// <summary>
/// Create-or-update by external id: the provisioning system can send the same call again after
/// a timeout and get the same result. An unchanged body writes nothing and audits nothing.
/// Concurrent calls for one subscriber take turns (<see cref="SerializedWrite"/>), so identical
/// calls converge on one row (one 201, the rest 200) and none fails for having raced another.
/// Closing or suspending the line ends its exemptions in the same transaction.
/// </summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock, ExemptionsOfAddress exemptions, PolicyChangeSignal signal)
    : Endpoint<Request, SubscriberResponse>
{
    public override void Configure()
    {
        Put("/subscribers/{externalId}");
        Roles(Allow.Provisioning);
        Summary(s =>
        {
            s.Summary = "Create or update a subscriber by external id";
            s.Description = "Idempotent. 201 when created, 200 when updated or unchanged. Send If-Match with the ETag to refuse a stale write (412); " +
                            "without it the last write wins. Setting status closed or suspended ends the subscriber's exemptions.";
            s.ExampleRequest = new Request { ExternalId = "CRM-000123", DisplayName = "山田商店", ProductCode = "static-business" };
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (!await db.Products.AnyAsync(p => p.Code == req.ProductCode, ct))
            throw new DomainRuleViolation(ViolationKind.Invalid, "productCode", $"Unknown product '{req.ProductCode}'.");

        await using var tx = await SerializedWrite.BeginAsync(db, SerializedWrite.SubscriberKey(req.ExternalId), ct);
        var now = clock.GetUtcNow();
        var subscriber = await db.Subscribers.Include(s => s.Assignments).FirstOrDefaultAsync(s => s.ExternalId == req.ExternalId, ct);
        var created = subscriber is null;
        var endedExemptions = 0;
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
                if (subscriber.Status != SubscriberStatus.Active)
                    endedExemptions = (await exemptions.EndDependentAsync(subscriber, Actor.Of(HttpContext),
                        $"Subscriber '{subscriber.ExternalId}' is {subscriber.Status.ToString().ToLowerInvariant()}.", now, ExemptionResponse.From, ct)).Count;
            }
        }

        await audit.SaveAsync(ct);
        await tx.CommitAsync(ct);
        if (endedExemptions > 0)
            signal.Notify($"{endedExemptions} exemption(s) ended: subscriber {subscriber.ExternalId} is {subscriber.Status.ToString().ToLowerInvariant()}",
                Actor.NameOf(User));
        ETags.Set(HttpContext, subscriber.Version);
        await Send.ResponseAsync(SubscriberResponse.From(subscriber), created ? 201 : 200, ct);
    }
}
