using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Api.Ingest;
using Op25b.Core.Attempts;
using Op25b.Persistence;

namespace Op25b.Api.Features.Attempts.IngestStatus;

public sealed record Response(long AcceptedSinceStart, long DuplicatesSinceStart, long QuarantinedSinceStart, long UdpDroppedSinceStart,
    int Queued, DateTimeOffset? LastStoredAt, double? LastLagSeconds, long QuarantineTotal, long UnattributedInRollup,
    int? SyslogUdpPort, int? SyslogTcpPort, int? UlogdTcpPort,
    IReadOnlyList<RefusedSource> UnregisteredSources, IReadOnlyList<NotCountedLines> NotCounted);

/// <summary>Lines (or TCP connections) refused since start because no router has this syslog source address.</summary>
public sealed record RefusedSource(string Source, long Lines);

/// <summary>Lines from a known router that are not OP25B drops (other-list, permitted, not-tcp, not-port-25, not-packet-log).</summary>
public sealed record NotCountedLines(string Router, string Reason, long Lines);

/// <summary>Is ingest keeping up? Counters since start (accepted, duplicates, quarantined, UDP drops), queue depth and lag.</summary>
public sealed class Endpoint(AdminDbContext db, IngestCounters counters, AttemptQueue queue, BoundPorts ports) : EndpointWithoutRequest<Response>
{
    public override void Configure()
    {
        Get("/ingest/status");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Ingest status: accepted, duplicates, quarantined, UDP drops, queue depth, lag, listener ports, refused sources, lines not counted");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var quarantine = await db.Quarantine.LongCountAsync(ct);
        var unattributed = await db.AttemptRollups.Where(r => r.SubscriberId == AttemptRollup.Unattributed).SumAsync(r => (long?)r.Attempts, ct) ?? 0;
        await Send.OkAsync(new Response(counters.Accepted, counters.Duplicates, counters.Quarantined, counters.UdpDropped, queue.Count,
            counters.LastStoredAt, counters.LastLag?.TotalSeconds, quarantine, unattributed, ports.SyslogUdp, ports.SyslogTcp, ports.UlogdTcp,
            [.. counters.UnregisteredSources.OrderByDescending(p => p.Value).Select(p => new RefusedSource(p.Key, p.Value))],
            [.. counters.NotCounted.OrderBy(p => p.Key.Router, StringComparer.Ordinal).ThenBy(p => p.Key.Reason, StringComparer.Ordinal)
                .Select(p => new NotCountedLines(p.Key.Router, p.Key.Reason, p.Value))]), ct);
    }
}
