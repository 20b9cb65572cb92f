namespace Op25b.Core.Attempts.Parsing;

/// <summary>A syslog line with its header taken apart; fields the sender left out are null.</summary>
/// <param name="Timestamp">In UTC; null for an RFC 5424 nil timestamp.</param>
public sealed record SyslogMessage(
    DateTimeOffset? Timestamp,
    string? Hostname,
    string? AppName,
    string Message,
    int? Facility,
    int? Severity);
