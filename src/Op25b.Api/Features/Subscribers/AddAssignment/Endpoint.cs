using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Api.Http;
using Op25b.Core;
using Op25b.Core.Addressing;
using Op25b.Core.Subscribers;
using Op25b.Persistence;
using Op25b.Persistence.Addressing;
using Op25b.Persistence.Audit;
using Op25b.Persistence.Integrity;

namespace Op25b.Api.Features.Subscribers.AddAssignment;

/// <summary>
/// Records that a subscriber holds a static address or delegated prefix from valid_from.
/// Retrying the same prefix and valid_from returns the existing assignment. An address held
/// by another subscriber in an overlapping window is refused: attribution must be unique.
/// </summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock, AddressSpaceGuard guard) : Endpoint<Request, AssignmentResponse>
{
    public override void Configure()
    {
        Post("/subscribers/{externalId}/assignments");
        Roles(Allow.Provisioning);
        Summary(s =>
        {
            s.Summary = "Add a static address assignment (IPv4 address/prefix or delegated IPv6 prefix)";
            s.ExampleRequest = new Request { ExternalId = "CRM-000123", Prefix = "2001:db8:1200::/56" };
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var prefix = AddressFields.Prefix(req.Prefix);
        await guard.RequireAsync(prefix, AddressUse.Assignment, "prefix", ct);
        var now = clock.GetUtcNow();
        var validFrom = req.ValidFrom?.ToUniversalTime() ?? now;
        var validUntil = req.ValidUntil?.ToUniversalTime();
        await using var tx = await SerializedWrite.BeginAsync(db, SerializedWrite.SubscriberKey(req.ExternalId), ct);
        var subscriber = await SubscriberLookup.RequireAsync(db, req.ExternalId, "externalId", ct);
        ETags.RequireMatch(HttpContext, subscriber.Version);

        var existing = subscriber.Assignments.FirstOrDefault(a => a.Prefix.Equals(prefix) && a.ValidFrom == validFrom);
        if (existing is not null)
        {
            await Send.OkAsync(AssignmentResponse.From(existing), ct);
            return;
        }

        var assignment = AddressAssignment.For(prefix, validFrom, validUntil, now);
        var range = assignment.Range;
        var clash = await db.AddressAssignments.AsNoTracking()
            .Where(a => a.Family == range.Family && a.RangeFirst.CompareTo(range.Last) <= 0 && a.RangeLast.CompareTo(range.First) >= 0)
            .Where(a => (a.ValidUntil == null || validFrom < a.ValidUntil) && (validUntil == null || a.ValidFrom < validUntil))
            .Join(db.Subscribers, a => a.SubscriberId, s => s.Id, (a, s) => new { a.Prefix, s.ExternalId })
            .FirstOrDefaultAsync(ct);
        if (clash is not null)
            throw new DomainRuleViolation(ViolationKind.Conflict, "prefix",
                $"{prefix} overlaps {clash.Prefix}, held by subscriber '{clash.ExternalId}' in the same period.");

        subscriber.Assignments.Add(assignment);
        subscriber.Version++;
        subscriber.UpdatedAt = now;
        audit.Record(Actor.Of(HttpContext), new AuditRecord("assignment.added", "subscriber", subscriber.ExternalId, null,
            () => AssignmentResponse.From(assignment)));
        await audit.SaveAsync(ct);
        await tx.CommitAsync(ct);
        ETags.Set(HttpContext, subscriber.Version);
        await Send.ResponseAsync(AssignmentResponse.From(assignment), 201, ct);
    }
}
