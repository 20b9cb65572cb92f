using System.Net;

namespace Op25b.Core.Ingest;

/// <summary>One blocked (or permitted) port-25 attempt as a router reported it, parsed and validated.</summary>
public sealed record IngestAttempt(
    DateTimeOffset OccurredAt,
    string Router,
    IPAddress SourceIp,
    int? SourcePort,
    IPAddress DestinationIp,
    int DestinationPort,
    string Protocol,
    int Packets,
    string Action,
    string? EventId);
