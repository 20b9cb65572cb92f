using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Api.Http;
using Op25b.Core;
using Op25b.Core.Abuse;
using Op25b.Persistence;
using Op25b.Persistence.Abuse;

namespace Op25b.Api.Features.AbuseCases.Open;

/// <summary>Opens a case by hand (the offender job opens the automatic ones). 409 when the subscriber already has an unresolved case.</summary>
public sealed class Endpoint(AdminDbContext db, AbuseCaseService cases, AbuseCaseQueries queries) : Endpoint<Request, AbuseCaseResponse>
{
    public override void Configure()
    {
        Post("/abuse-cases");
        Roles(Allow.AbuseDesk);
        Summary(s => s.Summary = "Open an abuse case for a subscriber");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var subscriberId = await db.Subscribers.Where(s => s.ExternalId == req.SubscriberExternalId).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct)
            ?? throw new DomainRuleViolation(ViolationKind.Invalid, "subscriberExternalId", $"No subscriber with external id '{req.SubscriberExternalId}'.");
        var opened = await cases.OpenAsync(subscriberId, AbuseCaseTrigger.Manual, req.Reason, Actor.Of(HttpContext), ct,
            note: string.IsNullOrWhiteSpace(req.Note) ? null : req.Note);
        var full = await queries.RequireAsync(opened.Id, ct);
        ETags.Set(HttpContext, full.Version);
        await Send.CreatedAtAsync<Get.Endpoint>(new { id = full.Id }, AbuseCaseResponse.From(full), cancellation: ct);
    }
}
