namespace Op25b.Core.Attempts.Parsing;

/// <summary>A syslog line with its header taken apart; fields the sender left out are null.</summary>
/// <param name="Timestamp">In UTC; the received time when the line had none (see <paramref name="TimeSource"/>).</param>
public sealed record SyslogMessage(
    DateTimeOffset? Timestamp,
    string? Hostname,
    string? AppName,
    string Message,
    int? Facility,
    int? Severity,
    LogTimeSource TimeSource = LogTimeSource.Logged,
    string? MsgId = null);
