using Op25b.Core.Addressing;

namespace Op25b.Core.AddressHistory;

/// <summary>
/// Applies accounting events to sessions. Pure: the caller loads the session for the event's
/// (NAS, session id) — or every open session of the NAS for Accounting-On/Off — and saves the result.
/// Events arrive late and out of order (collectors buffer, Interim-Updates cross Stops), so every
/// rule only ever widens what is known and never reopens an ended session.
/// </summary>
public static class SessionLedger
{
    /// <summary>Start, Interim-Update or Stop for one session. Returns the session (new when <paramref name="session"/> is null).</summary>
    public static AccessSession Apply(AccountingEvent e, AccessSession? session, long subscriberId)
    {
        if (e.Type is AccountingEventType.AccountingOn or AccountingEventType.AccountingOff)
            throw new ArgumentException("NAS-wide events close sessions through CloseAll.", nameof(e));

        // A missed Start (lost packet, collector restart) must not lose the session: the first
        // event seen opens it, as early as that event proves it existed.
        session ??= new AccessSession { NasId = e.NasId, SessionId = e.SessionId, SubscriberId = subscriberId, StartedAt = e.EventTime };
        if (e.Type == AccountingEventType.Start || e.EventTime < session.StartedAt)
            session.StartedAt = e.Type == AccountingEventType.Start ? e.EventTime : Min(session.StartedAt, e.EventTime);

        if (e.FramedIp is { } ip)
            (session.FramedIp, session.FramedIpKey) = (ip, AddressKey.Of(ip));
        if (e.DelegatedPrefix is { } prefix)
        {
            var (first, last) = AddressKey.RangeOf(prefix);
            (session.DelegatedPrefix, session.DelegatedFirst, session.DelegatedLast) = (prefix, first, last);
        }

        if (e.Type == AccountingEventType.InterimUpdate && (session.LastUpdateAt is null || e.EventTime > session.LastUpdateAt))
            session.LastUpdateAt = e.EventTime;
        if (e.Type == AccountingEventType.Stop && (session.EndedAt is null || session.EndReason != "stop"))
            (session.EndedAt, session.EndReason) = (e.EventTime, "stop");
        return session;
    }

    /// <summary>Accounting-On/Off: the NAS lost or will lose every session it had open, at the event time.</summary>
    public static int CloseAll(AccountingEvent e, IEnumerable<AccessSession> openSessionsOfNas)
    {
        var reason = e.Type == AccountingEventType.AccountingOn ? "accounting-on" : "accounting-off";
        var closed = 0;
        foreach (var session in openSessionsOfNas.Where(s => s.EndedAt is null && s.StartedAt <= e.EventTime))
        {
            (session.EndedAt, session.EndReason) = (e.EventTime, reason);
            closed++;
        }
        return closed;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
