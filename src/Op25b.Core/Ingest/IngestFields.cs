namespace Op25b.Core.Ingest;

/// <summary>The API's field names; CSV headers use the same names.</summary>
public static class IngestFields
{
    public const string OccurredAt = "occurredAt";
    public const string Router = "router";
    public const string SourceIp = "sourceIp";
    public const string SourcePort = "sourcePort";
    public const string DestinationIp = "destinationIp";
    public const string DestinationPort = "destinationPort";
    public const string Protocol = "protocol";
    public const string Packets = "packets";
    public const string Action = "action";
    public const string EventId = "eventId";

    public static IReadOnlyList<string> All { get; } =
        [OccurredAt, Router, SourceIp, SourcePort, DestinationIp, DestinationPort, Protocol, Packets, Action, EventId];

    public static IReadOnlyList<string> Required { get; } = [OccurredAt, Router, SourceIp, DestinationIp, DestinationPort];
}
