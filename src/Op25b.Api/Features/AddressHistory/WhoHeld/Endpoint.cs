using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Core.Addressing;
using Op25b.Persistence;

namespace Op25b.Api.Features.AddressHistory.WhoHeld;

/// <summary>
/// "Who held address X at time T?" — from static assignments and dynamic sessions (framed IPv4
/// address or delegated IPv6 prefix). Without T, every interval in which anyone held X.
/// </summary>
public sealed class Endpoint(AdminDbContext db) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Get("/address-history");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "Who held this address at this time (static assignments and sessions), or its whole history");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        PrefixParser.TryParseAddress(req.Ip, out var ip, out _);
        var key = AddressKey.Of(ip);
        var family = AddressKey.FamilyOf(ip);
        var at = req.At?.ToUniversalTime();

        var statics = db.AddressAssignments.AsNoTracking()
            .Where(a => a.Family == family && a.RangeFirst.CompareTo(key) <= 0 && a.RangeLast.CompareTo(key) >= 0);
        if (at is { } t)
            statics = statics.Where(a => a.ValidFrom <= t && (a.ValidUntil == null || a.ValidUntil > t));
        var staticRows = await statics.Join(db.Subscribers, a => a.SubscriberId, s => s.Id, (a, s) => new { a.Prefix, a.ValidFrom, a.ValidUntil, s.ExternalId })
            .ToListAsync(ct);

        var sessions = family == IpFamily.V4
            ? db.AccessSessions.AsNoTracking().Where(s => s.FramedIpKey == key)
            : db.AccessSessions.AsNoTracking().Where(s => s.DelegatedFirst!.CompareTo(key) <= 0 && s.DelegatedLast!.CompareTo(key) >= 0);
        if (at is { } t2)
            sessions = sessions.Where(s => s.StartedAt <= t2 && (s.EndedAt == null || s.EndedAt > t2));
        var sessionRows = await sessions.Join(db.Subscribers, a => a.SubscriberId, s => s.Id,
                (a, s) => new { a.FramedIp, a.DelegatedPrefix, a.StartedAt, a.EndedAt, a.NasId, a.SessionId, s.ExternalId })
            .ToListAsync(ct);

        var holders = staticRows.Select(a => new Holding(a.ExternalId, "static", a.Prefix.ToString(), a.ValidFrom, a.ValidUntil, null, null))
            .Concat(sessionRows.Select(s => new Holding(s.ExternalId, "session",
                family == IpFamily.V4 ? $"{s.FramedIp}/32" : s.DelegatedPrefix!.Value.ToString(), s.StartedAt, s.EndedAt, s.NasId, s.SessionId)))
            .OrderBy(h => h.From)
            .ToList();
        await Send.OkAsync(new Response(ip.ToString(), at, holders), ct);
    }
}
