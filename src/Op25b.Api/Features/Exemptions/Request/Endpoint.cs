using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Core;
using Op25b.Core.Addressing;
using Op25b.Core.Exemptions;
using Op25b.Persistence;
using Op25b.Persistence.Addressing;
using Op25b.Persistence.Abuse;
using Op25b.Persistence.Audit;
using Op25b.Persistence.Integrity;
using Op25b.Core.Subscribers;

namespace Op25b.Api.Features.Exemptions.Request;

/// <summary>Files an exemption request after the pre-checks; someone else must approve it.</summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock, AbuseCaseQueries abuseCases, AddressSpaceGuard guard, IdempotencyClaims claims)
    : Endpoint<Request, ExemptionResponse>
{
    public override void Configure()
    {
        Post("/exemptions");
        Roles(Allow.ExemptionRequesters);
        Summary(s =>
        {
            s.Summary = "Request an exemption from port 25 blocking";
            s.Description = "Pre-checks: prefixes inside the subscriber's assignments, product eligible, no overlapping exemption; warns about prefixes outside every pool and an open abuse case. Send Idempotency-Key to make retries safe: a retry gets the first result (200), a retry while the first is in flight 409, the same key with another body 422. A closed or suspended subscriber cannot be exempted (409).";
            s.ExampleRequest = new Request
            {
                SubscriberExternalId = "CRM-000123",
                Prefixes = ["198.51.100.8/29", "2001:db8:1200::/56"],
                Justification = "Own MTA for example.co.jp; PTR mail.example.co.jp set; AUP accepted 2026-11-01.",
            };
        });
    }

    /// <summary>
    /// Idempotency-Key (IETF draft semantics): the key is claimed in its own committed write before
    /// the work, so a retry while the first is in flight gets 409; a retry after it gets the first
    /// result (200); the same key with another body gets 422 at any time.
    /// </summary>
    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        if (req.IdempotencyKey is not { } key)
        {
            await FileAsync(req, null, ct);
            return;
        }

        var requester = Actor.NameOf(User);
        var fingerprint = req.Fingerprint();
        var (outcome, claim) = await claims.TryClaimAsync(IdempotentOperation, requester, key, fingerprint, ct);
        if (outcome == ClaimOutcome.DifferentRequest)
            throw KeyReused(key);
        if (outcome == ClaimOutcome.InFlight)
            throw new DomainRuleViolation(ViolationKind.Conflict, "Idempotency-Key",
                $"A request with Idempotency-Key '{key}' is still being processed; retry after it has finished.");
        try
        {
            if (await db.Exemptions.WithDetails().FirstOrDefaultAsync(e => e.RequestedBy == requester && e.IdempotencyKey == key, ct) is { } earlier)
            {
                await claims.AbandonAsync(claim!);
                if (earlier.IdempotencyFingerprint is { } first && first != fingerprint)
                    throw KeyReused(key);
                await Send.OkAsync(ExemptionResponse.From(earlier), ct);
                return;
            }
            await FileAsync(req, (claim!, fingerprint), ct);
        }
        catch
        {
            await claims.AbandonAsync(claim!);
            throw;
        }
    }

    private const string IdempotentOperation = "POST /exemptions";

    private static DomainRuleViolation KeyReused(string key) => new(ViolationKind.Unprocessable, "Idempotency-Key",
        $"Idempotency-Key '{key}' was already used for a different request; use a new key for a new request.");

    private async Task FileAsync(Request req, (IdempotencyClaim Claim, string Fingerprint)? idempotency, CancellationToken ct)
    {
        var requester = Actor.NameOf(User);
        if (!string.IsNullOrWhiteSpace(req.EligibilityOverrideReason) && !User.IsInRole(Core.Access.Roles.Admin))
            throw new DomainRuleViolation(ViolationKind.Forbidden, "eligibilityOverrideReason", "Only an admin may override product eligibility.");

        // Takes turns with ending an assignment and closing the line: the holding checked below
        // is still the holding when the exemption commits, or the ending sees the exemption.
        await using var tx = await SerializedWrite.BeginAsync(db, SerializedWrite.SubscriberKey(req.SubscriberExternalId), ct);
        var subscriber = await db.Subscribers.Include(s => s.Assignments).FirstOrDefaultAsync(s => s.ExternalId == req.SubscriberExternalId, ct)
            ?? throw new DomainRuleViolation(ViolationKind.Invalid, "subscriberExternalId", $"No subscriber with external id '{req.SubscriberExternalId}'.");
        // The request is well-formed; the line's current state forbids it (409): an exemption of a
        // closed or suspended line would end at once (see ExemptionsOfAddress).
        if (subscriber.Status != SubscriberStatus.Active)
            throw new DomainRuleViolation(ViolationKind.Conflict, "subscriberExternalId",
                $"Subscriber '{subscriber.ExternalId}' is {subscriber.Status.ToString().ToLowerInvariant()}; only an active line can be exempted.");
        var product = await db.Products.SingleAsync(p => p.Code == subscriber.ProductCode, ct);
        var claiming = await db.Exemptions.Include(e => e.Prefixes)
            .Where(e => e.SubscriberId == subscriber.Id && Exemption.Claiming.Contains(e.Status)).ToListAsync(ct);

        var now = clock.GetUtcNow();
        var validFrom = req.ValidFrom?.ToUniversalTime() ?? now;
        var validUntil = req.ValidUntil?.ToUniversalTime();
        var prefixes = req.Prefixes.Select(AddressFields.Prefix).ToList();
        await guard.RequireAllAsync(prefixes, AddressUse.Exemption, "prefixes", ct);
        var ranges = prefixes.Select(PrefixRange.Of).ToList();
        ExemptionRequestRules.Check(product, ranges, validFrom, validUntil, req.EligibilityOverrideReason, subscriber.Assignments, claiming);

        var exemption = new Exemption
        {
            SubscriberId = subscriber.Id,
            Subscriber = subscriber,
            Status = ExemptionStatus.Requested,
            Justification = req.Justification,
            RequestedBy = requester,
            RequestedAt = now,
            IdempotencyKey = req.IdempotencyKey,
            IdempotencyFingerprint = idempotency?.Fingerprint,
            EligibilityOverrideReason = string.IsNullOrWhiteSpace(req.EligibilityOverrideReason) ? null : req.EligibilityOverrideReason,
            ValidFrom = validFrom,
            ValidUntil = validUntil,
            Version = 1,
            Prefixes = ranges.Select(ExemptionPrefix.For).ToList(),
        };
        db.Exemptions.Add(exemption);
        audit.Record(Actor.Of(HttpContext), new AuditRecord("exemption.requested", "exemption", () => exemption.Id.ToString(), null,
            () => ExemptionResponse.From(exemption), req.Justification));
        if (idempotency is { Claim: var claim })
            claims.ReleaseWithResult(claim);
        await audit.SaveAsync(ct);
        await tx.CommitAsync(ct);
        HttpContext.Response.Headers.ETag = Http.ETags.Of(exemption.Version);
        var warnings = await OutsidePoolsAsync(ranges, ct);
        if (await AbuseCaseWarning.ForAsync(abuseCases, subscriber.Id, ct) is { } openCase)
            warnings.Add(openCase);
        await Send.CreatedAtAsync<Get.Endpoint>(new { id = exemption.Id },
            ExemptionResponse.From(exemption) with { Warnings = warnings.Count == 0 ? null : warnings }, cancellation: ct);
    }

    /// <summary>An exemption for addresses in no blocked pool is harmless but pointless: accept it and say so.</summary>
    private async Task<List<string>> OutsidePoolsAsync(IReadOnlyList<PrefixRange> ranges, CancellationToken ct)
    {
        var warnings = new List<string>();
        foreach (var r in ranges)
            if (!await db.SubscriberPools.AnyAsync(p => p.Family == r.Family && p.RangeFirst.CompareTo(r.Last) <= 0 && p.RangeLast.CompareTo(r.First) >= 0, ct))
                warnings.Add($"{r.Prefix} lies outside every subscriber pool: port 25 is not blocked there, so this exemption changes nothing.");
        return warnings;
    }
}
