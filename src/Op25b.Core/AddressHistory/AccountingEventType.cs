namespace Op25b.Core.AddressHistory;

/// <summary>RADIUS Acct-Status-Type values that change who holds an address (RFC 2866, 2869).</summary>
public enum AccountingEventType
{
    Start,
    InterimUpdate,
    Stop,
    /// <summary>The NAS (re)started: every session it had open is over.</summary>
    AccountingOn,
    /// <summary>The NAS is going down: every session it had open is over.</summary>
    AccountingOff,
}
