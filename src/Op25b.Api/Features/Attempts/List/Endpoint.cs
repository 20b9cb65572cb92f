using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Core.Addressing;
using Op25b.Persistence;

namespace Op25b.Api.Features.Attempts.List;

public sealed class Endpoint(AdminDbContext db) : Endpoint<Request, Page<AttemptResponse>>
{
    public override void Configure()
    {
        Get("/attempts");
        Roles(Allow.AttemptReaders);
        Summary(s => s.Summary = "Blocked attempts, newest first (filters: subscriber, sourcePrefix, router, destination, from, to; keyset paging)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var query = db.BlockedAttempts.AsNoTracking();
        if (req.Subscriber is { } externalId)
        {
            var id = await db.Subscribers.Where(s => s.ExternalId == externalId).Select(s => (long?)s.Id).SingleOrDefaultAsync(ct) ?? -1;
            query = query.Where(a => a.SubscriberId == id);
        }
        if (req.SourcePrefix is not null && PrefixParser.TryParsePrefix(req.SourcePrefix, out var prefix, out _))
        {
            var (first, last) = AddressKey.RangeOf(prefix);
            query = query.Where(a => a.SourceKey.CompareTo(first) >= 0 && a.SourceKey.CompareTo(last) <= 0);
        }
        if (req.Router is { } router)
            query = query.Where(a => a.RouterName == router);
        if (req.Destination is not null && PrefixParser.TryParseAddress(req.Destination, out var destination, out _))
            query = query.Where(a => a.DestinationIp == destination);
        if (req.From is { } from)
            query = query.Where(a => a.OccurredAt >= from.ToUniversalTime());
        if (req.To is { } to)
            query = query.Where(a => a.OccurredAt < to.ToUniversalTime());
        if (req.Cursor is { } cursor)
            query = query.Where(a => a.Id < cursor);

        var rows = await query.OrderByDescending(a => a.Id).Take(req.PageSize + 1)
            .GroupJoin(db.Subscribers, a => a.SubscriberId, s => s.Id, (a, s) => new { a, s })
            .SelectMany(x => x.s.DefaultIfEmpty(), (x, s) => new { x.a, External = s == null ? null : s.ExternalId })
            .ToListAsync(ct);
        rows = rows.OrderByDescending(r => r.a.Id).ToList();
        await Send.OkAsync(Page<AttemptResponse>.From(rows, req.PageSize, r => r.a.Id, r => AttemptResponse.From(r.a, r.External)), ct);
    }
}
