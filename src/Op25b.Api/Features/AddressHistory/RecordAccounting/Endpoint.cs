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
        var seen = new HashSet<(string, string, AccountingEventType, DateTimeOffset)>();
        var subscribers = new Dictionary<string, long?>();
        for (var i = 0; i < req.Events.Count; i++)
        {
            var (e, error) = EventInterpreter.Interpret(req.Events[i], now);
            if (e is null)
            {
                results.Add(new EventResult(i, "rejected", error));
                continue;
            }
            var key = (e.NasId, e.SessionId, e.Type, e.EventTime);
            if (!seen.Add(key) || await db.AccountingEvents.AnyAsync(x => x.NasId == e.NasId && x.SessionId == e.SessionId && x.Type == e.Type && x.EventTime == e.EventTime, ct))
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
                    subscribers[e.SubscriberExternalId!] = subscriberId =
                        await db.Subscribers.Where(s => s.ExternalId == e.SubscriberExternalId).Select(s => (long?)s.Id).SingleOrDefaultAsync(ct);
                if (subscriberId is null)
                {
                    results.Add(new EventResult(i, "rejected", $"subscriberExternalId: no subscriber '{e.SubscriberExternalId}'"));
                    continue;
                }
                var session = db.AccessSessions.Local.FirstOrDefault(s => s.NasId == e.NasId && s.SessionId == e.SessionId)
                    ?? await db.AccessSessions.FirstOrDefaultAsync(s => s.NasId == e.NasId && s.SessionId == e.SessionId, ct);
                var updated = SessionLedger.Apply(e, session, subscriberId.Value);
                if (session is null)
                    db.AccessSessions.Add(updated);
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
