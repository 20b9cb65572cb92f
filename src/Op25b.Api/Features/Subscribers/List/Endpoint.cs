using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Core.Addressing;
using Op25b.Persistence;

namespace Op25b.Api.Features.Subscribers.List;

public sealed class Endpoint(AdminDbContext db, TimeProvider clock) : Endpoint<Request, Page<SubscriberResponse>>
{
    public override void Configure()
    {
        Get("/subscribers");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "List subscribers (filters: status, productCode, q, containsIp; keyset paging)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var query = db.Subscribers.AsNoTracking().Include(s => s.Assignments).AsQueryable();
        if (req.Status is { } status)
            query = query.Where(s => s.Status == status);
        if (req.ProductCode is { } product)
            query = query.Where(s => s.ProductCode == product);
        if (!string.IsNullOrWhiteSpace(req.Q))
            query = query.Where(s => s.ExternalId.StartsWith(req.Q) || s.DisplayName.Contains(req.Q));
        if (req.ContainsIp is not null && PrefixParser.TryParseAddress(req.ContainsIp, out var ip, out _))
        {
            var key = AddressKey.Of(ip);
            var family = AddressKey.FamilyOf(ip);
            var now = clock.GetUtcNow();
            query = query.Where(s => s.Assignments.Any(a => a.Family == family
                && a.RangeFirst.CompareTo(key) <= 0 && a.RangeLast.CompareTo(key) >= 0
                && a.ValidFrom <= now && (a.ValidUntil == null || a.ValidUntil > now)));
        }
        if (req.Cursor is { } cursor)
            query = query.Where(s => s.Id > cursor);

        var rows = await query.OrderBy(s => s.Id).Take(req.PageSize + 1).ToListAsync(ct);
        await Send.OkAsync(Page<SubscriberResponse>.From(rows, req.PageSize, s => s.Id, SubscriberResponse.From), ct);
    }
}
