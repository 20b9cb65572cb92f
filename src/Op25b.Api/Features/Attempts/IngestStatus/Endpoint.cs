using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Api.Ingest;
using Op25b.Core.Attempts;
using Op25b.Persistence;

namespace Op25b.Api.Features.Attempts.IngestStatus;

/// <param name="UdpDroppedSinceStart">Datagrams received but dropped because the queue and spool were full.</param>
/// <param name="UdpKernelDropped">Datagrams the kernel dropped before the process saw them (full socket buffer), for the socket's lifetime.</param>
/// <param name="LostSinceStart">Records neither stored nor spooled because the spool's disk failed (logged as critical).</param>
/// <param name="SpoolLines">Lines waiting in the local spool because the database could not store them; replayed in order when it can.</param>
public sealed record Response(long AcceptedSinceStart, long DuplicatesSinceStart, long QuarantinedSinceStart, long UdpDroppedSinceStart,
    int Queued, DateTimeOffset? LastStoredAt, double? LastLagSeconds, long? QuarantineTotal, long? UnattributedInRollup,
    int? SyslogUdpPort, int? SyslogTcpPort, int? UlogdTcpPort, long UdpKernelDropped, int SpoolLines, long SpoolBytes, DateTimeOffset? SpoolOldestReceivedAt,
    bool DatabaseReachable, long LostSinceStart, IReadOnlyList<RefusedSource> UnregisteredSources, IReadOnlyList<NotCountedLines> NotCounted);

/// <summary>Lines (or TCP connections) refused since start because no router has this syslog source address.</summary>
public sealed record RefusedSource(string Source, long Lines);

/// <summary>Lines from a known router that are not OP25B drops (other-list, permitted, not-tcp, not-port-25, not-packet-log).</summary>
public sealed record NotCountedLines(string Router, string Reason, long Lines);

/// <summary>
/// Is ingest keeping up? Counters since start (accepted, duplicates, quarantined, drops in the process
/// and in the kernel), queue depth, lag and the spool. Answers while the database is down too: that
/// is when the spool matters.
/// </summary>
public sealed class Endpoint(AdminDbContext db, IngestCounters counters, AttemptQueue queue, BoundPorts ports, IngestSpool spool)
    : EndpointWithoutRequest<Response>
{
    public override void Configure()
    {
        Get("/ingest/status");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Ingest status: accepted, duplicates, quarantined, UDP drops (process and kernel), queue depth, lag, spool, listener ports, refused sources, lines not counted");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        long? quarantine = null, unattributed = null;
        try
        {
            quarantine = await db.Quarantine.LongCountAsync(ct);
            unattributed = await db.AttemptRollups.Where(r => r.SubscriberId == AttemptRollup.Unattributed).SumAsync(r => (long?)r.Attempts, ct) ?? 0;
        }
        catch (Exception ex) when (DatabaseUnavailable.Is(ex))
        {
            // The database's own figures are unknown; the process's are not.
        }
        await Send.OkAsync(new Response(counters.Accepted, counters.Duplicates, counters.Quarantined, counters.UdpDropped, queue.Count,
            counters.LastStoredAt, counters.LastLag?.TotalSeconds, quarantine, unattributed, ports.SyslogUdp, ports.SyslogTcp, ports.UlogdTcp,
            KernelUdpDrops.Of(ports.SyslogUdp), spool.Lines, spool.Bytes, spool.OldestReceivedAt, quarantine is not null, counters.Lost,
            [.. counters.UnregisteredSources.OrderByDescending(p => p.Value).Select(p => new RefusedSource(p.Key, p.Value))],
            [.. counters.NotCounted.OrderBy(p => p.Key.Router, StringComparer.Ordinal).ThenBy(p => p.Key.Reason, StringComparer.Ordinal)
                .Select(p => new NotCountedLines(p.Key.Router, p.Key.Reason, p.Value))]), ct);
    }
}
