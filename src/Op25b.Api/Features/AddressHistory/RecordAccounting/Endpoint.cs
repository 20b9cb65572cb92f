using FastEndpoints;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Core.AddressHistory;
using Op25b.Persistence;

namespace Op25b.Api.Features.AddressHistory.RecordAccounting;

/// <summary>
/// Takes a batch of accounting events. Each is accepted, recognised as a duplicate (same NAS,
/// session, type and event time — safe to resend), or rejected with the field at fault; a
/// rejected event never stops the others.
/// </summary>
public sealed class Endpoint(AdminDbContext db, TimeProvider clock, IBackgroundJobClient jobs) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Post("/accounting-events");
        Roles(Allow.Provisioning);
        Summary(s => s.Summary = "Record RADIUS-style accounting events (start, interim-update, stop, accounting-on/off) that build the address history");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var results = new List<EventResult>();
        var interpreted = req.Events.Select(input => EventInterpreter.Interpret(input, now)).ToList();
        var valid = interpreted.Where(x => x.Event is not null).Select(x => x.Event!).ToList();

        // What the batch refers to is read up front, in three queries, not per event.
        var nasIds = valid.Select(e => e.NasId).Distinct().ToList();
        var sessionIds = valid.Select(e => e.SessionId).Distinct().ToList();
        var externalIds = valid.Where(e => e.SubscriberExternalId is not null).Select(e => e.SubscriberExternalId!).Distinct().ToList();
        var known = (await db.AccountingEvents.AsNoTracking().Where(x => nasIds.Contains(x.NasId) && sessionIds.Contains(x.SessionId))
                .Select(x => new { x.NasId, x.SessionId, x.Type, x.EventTime }).ToListAsync(ct))
            .Select(x => (x.NasId, x.SessionId, x.Type, x.EventTime)).ToHashSet();
        var sessions = (await db.AccessSessions.Where(s => nasIds.Contains(s.NasId) && sessionIds.Contains(s.SessionId)).ToListAsync(ct))
            .ToDictionary(s => (s.NasId, s.SessionId));
        var subscribers = await db.Subscribers.Where(s => externalIds.Contains(s.ExternalId)).ToDictionaryAsync(s => s.ExternalId, s => s.Id, ct);

        for (var i = 0; i < interpreted.Count; i++)
        {
            var (e, error) = interpreted[i];
            if (e is null)
            {
                results.Add(new EventResult(i, "rejected", error));
                continue;
            }
            if (!known.Add((e.NasId, e.SessionId, e.Type, e.EventTime)))
            {
                results.Add(new EventResult(i, "duplicate"));
                continue;
            }

            if (e.Type is AccountingEventType.AccountingOn or AccountingEventType.AccountingOff)
            {
                var open = await db.AccessSessions.Where(s => s.NasId == e.NasId && s.EndedAt == null).ToListAsync(ct);
                var closed = SessionLedger.CloseAll(e, open.Concat(db.AccessSessions.Local.Where(s => s.NasId == e.NasId && s.EndedAt == null)).Distinct());
                results.Add(new EventResult(i, "accepted", $"{closed} open session(s) closed"));
            }
            else
            {
                if (!subscribers.TryGetValue(e.SubscriberExternalId!, out var subscriberId))
                {
                    results.Add(new EventResult(i, "rejected", $"subscriberExternalId: no subscriber '{e.SubscriberExternalId}'"));
                    continue;
                }
                sessions.TryGetValue((e.NasId, e.SessionId), out var session);
                var updated = SessionLedger.Apply(e, session, subscriberId);
                if (session is null)
                {
                    db.AccessSessions.Add(updated);
                    sessions[(e.NasId, e.SessionId)] = updated;
                }
                results.Add(new EventResult(i, "accepted"));
            }
            db.AccountingEvents.Add(e);
        }

        await db.SaveChangesAsync(ct);
        // Attempts seen before this accounting data arrived can be attributed now.
        if (results.Any(r => r.Outcome == "accepted"))
            jobs.Enqueue<Jobs.AttributionJob>(j => j.RunAsync(CancellationToken.None));
        await Send.OkAsync(new Response(results.Count(r => r.Outcome == "accepted"), results.Count(r => r.Outcome == "duplicate"),
            results.Count(r => r.Outcome == "rejected"), results), ct);
    }
}
