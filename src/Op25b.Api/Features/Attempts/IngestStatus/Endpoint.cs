using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Api.Ingest;
using Op25b.Core.Attempts;
using Op25b.Persistence;

namespace Op25b.Api.Features.Attempts.IngestStatus;

public sealed record Response(long AcceptedSinceStart, long DuplicatesSinceStart, long QuarantinedSinceStart, long UdpDroppedSinceStart,
    int Queued, DateTimeOffset? LastStoredAt, double? LastLagSeconds, long QuarantineTotal, long UnattributedInRollup,
    int? SyslogUdpPort, int? SyslogTcpPort, int? UlogdTcpPort);

/// <summary>Is ingest keeping up? Counters since start (accepted, duplicates, quarantined, UDP drops), queue depth and lag.</summary>
public sealed class Endpoint(AdminDbContext db, IngestCounters counters, AttemptQueue queue, BoundPorts ports) : EndpointWithoutRequest<Response>
{
    public override void Configure()
    {
        Get("/ingest/status");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Ingest status: accepted, duplicates, quarantined, UDP drops, queue depth, lag, listener ports");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var quarantine = await db.Quarantine.LongCountAsync(ct);
        var unattributed = await db.AttemptRollups.Where(r => r.SubscriberId == AttemptRollup.Unattributed).SumAsync(r => (long?)r.Attempts, ct) ?? 0;
        await Send.OkAsync(new Response(counters.Accepted, counters.Duplicates, counters.Quarantined, counters.UdpDropped, queue.Count,
            counters.LastStoredAt, counters.LastLag?.TotalSeconds, quarantine, unattributed, ports.SyslogUdp, ports.SyslogTcp, ports.UlogdTcp), ct);
    }
}
