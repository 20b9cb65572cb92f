using System.Net;
using Op25b.Core.Attempts;

namespace Op25b.Api.Ingest;

/// <summary>An <see cref="IngestItem"/> as one JSON line of a spool segment (addresses as text).</summary>
internal sealed record SpooledItem(string Channel, string Origin, DateTimeOffset ReceivedAt, string? Raw, string? Error, SpooledItem.Attempt? Record)
{
    internal sealed record Attempt(DateTimeOffset OccurredAt, string RouterName, string Source, int? SourcePort, string Destination, int DestinationPort,
        string Protocol, AttemptAction Action, int Packets, string? EventId);

    public static SpooledItem From(IngestItem item) => new(item.Channel, item.Origin, item.ReceivedAt, item.Raw, item.Error, item.Record is { } r
        ? new Attempt(r.OccurredAt, r.RouterName, r.Source.ToString(), r.SourcePort, r.Destination.ToString(), r.DestinationPort, r.Protocol, r.Action, r.Packets, r.EventId)
        : null);

    public IngestItem ToItem() => new(Channel, Origin, Record is { } r
        ? new BlockedAttemptRecord(r.OccurredAt, r.RouterName, IPAddress.Parse(r.Source), r.SourcePort, IPAddress.Parse(r.Destination), r.DestinationPort,
            r.Protocol, r.Action, r.Packets, r.EventId)
        : null, Raw, Error, ReceivedAt);
}
