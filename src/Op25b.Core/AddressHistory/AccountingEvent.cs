using System.Net;

namespace Op25b.Core.AddressHistory;

/// <summary>
/// One accounting record as received. Kept (deduplicated on NAS, session, type and event time)
/// so a collector can resend after a timeout without a session being opened or closed twice.
/// </summary>
public sealed class AccountingEvent
{
    public long Id { get; set; }
    public required string NasId { get; set; }
    /// <summary>Acct-Session-Id; empty for Accounting-On/Off, which concern the whole NAS.</summary>
    public required string SessionId { get; set; }
    public AccountingEventType Type { get; set; }
    /// <summary>When it happened at the NAS: arrival time minus Acct-Delay-Time.</summary>
    public DateTimeOffset EventTime { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public string? SubscriberExternalId { get; set; }
    public IPAddress? FramedIp { get; set; }
    public IPNetwork? DelegatedPrefix { get; set; }
}
