using System.Net;

namespace Op25b.Core.Attempts;

/// <summary>One logged outbound port-25 attempt, normalised from any router format.</summary>
/// <param name="OccurredAt">When the router saw the packet, in UTC.</param>
/// <param name="RouterName">
/// The router the line came from: parsers fill in what the line says (syslog hostname, ulogd
/// <c>dvc</c>), the receiver replaces it with the router registered for the sending address.
/// </param>
/// <param name="Packets">
/// Cisco and Junos aggregate per flow, so this is a lower bound on packets, not a count of
/// connections.
/// </param>
/// <param name="EventId">An identifier the source itself assigned, when it gives one.</param>
/// <param name="ListName">The ACL, filter or log prefix the line names; null when the format names none (Junos).</param>
/// <param name="TimeSource">Where <paramref name="OccurredAt"/> came from.</param>
public sealed record BlockedAttemptRecord(
    DateTimeOffset OccurredAt,
    string RouterName,
    IPAddress Source,
    int? SourcePort,
    IPAddress Destination,
    int DestinationPort,
    string Protocol,
    AttemptAction Action,
    int Packets = 1,
    string? EventId = null,
    string? ListName = null,
    Parsing.LogTimeSource TimeSource = Parsing.LogTimeSource.Logged);
