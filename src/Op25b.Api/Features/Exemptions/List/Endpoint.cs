using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Core.Addressing;
using Op25b.Core.Exemptions;
using Op25b.Persistence;

namespace Op25b.Api.Features.Exemptions.List;

public sealed class Endpoint(AdminDbContext db) : Endpoint<Request, Page<ExemptionResponse>>
{
    public override void Configure()
    {
        Get("/exemptions");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "List exemptions (filters: status, subscriber, containsIp, expiringBefore, inForceAt; keyset paging)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var query = db.Exemptions.AsNoTracking().WithDetails();
        if (req.Status is { } status)
            query = query.Where(e => e.Status == status);
        if (req.Subscriber is { } subscriber)
            query = query.Where(e => e.Subscriber!.ExternalId == subscriber);
        if (req.ContainsIp is not null && PrefixParser.TryParseAddress(req.ContainsIp, out var ip, out _))
        {
            var key = AddressKey.Of(ip);
            var family = AddressKey.FamilyOf(ip);
            query = query.Where(e => e.Prefixes.Any(p => p.Family == family && p.RangeFirst.CompareTo(key) <= 0 && p.RangeLast.CompareTo(key) >= 0));
        }
        if (req.ExpiringBefore is { } before)
        {
            var limit = before.ToUniversalTime();
            query = query.Where(e => e.ValidUntil != null && e.ValidUntil < limit && Exemption.Claiming.Contains(e.Status));
        }
        if (req.InForceAt is { } at)
            query = query.Where(Exemption.InForceAt(at.ToUniversalTime()));
        if (req.Cursor is { } cursor)
            query = query.Where(e => e.Id > cursor);

        var rows = await query.OrderBy(e => e.Id).Take(req.PageSize + 1).ToListAsync(ct);
        await Send.OkAsync(Page<ExemptionResponse>.From(rows, req.PageSize, e => e.Id, ExemptionResponse.From), ct);
    }
}
