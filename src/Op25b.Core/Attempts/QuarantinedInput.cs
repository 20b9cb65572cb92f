namespace Op25b.Core.Attempts;

/// <summary>Input that could not be stored as an attempt, kept verbatim with its origin and the reason: nothing is dropped silently.</summary>
public sealed class QuarantinedInput
{
    public long Id { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>rest, syslog-udp, syslog-tcp, ulogd.</summary>
    public required string Channel { get; set; }
    /// <summary>The API key, or the sending router's address.</summary>
    public required string Origin { get; set; }
    public int? LineNumber { get; set; }
    public required string Raw { get; set; }
    public required string Reason { get; set; }
}
