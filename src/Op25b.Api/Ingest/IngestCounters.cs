using Prometheus;

namespace Op25b.Api.Ingest;

/// <summary>Running totals since start, for the status endpoint and /metrics.</summary>
public sealed partial class IngestCounters
{
    private static readonly Counter Records = Metrics.CreateCounter("op25b_ingest_records_total", "Ingested records by channel and outcome.", "channel", "outcome");
    private static readonly Gauge SpoolBytes = Metrics.CreateGauge("op25b_ingest_spool_bytes", "Bytes of router log lines waiting in the local spool for the database.");
    private static readonly Gauge SpoolLines = Metrics.CreateGauge("op25b_ingest_spool_lines", "Router log lines waiting in the local spool for the database.");
    private static readonly Gauge SpoolAge = Metrics.CreateGauge("op25b_ingest_spool_oldest_age_seconds", "Age of the oldest line waiting in the spool (0: empty).");
    private static readonly Gauge KernelDrops = Metrics.CreateGauge("op25b_ingest_udp_kernel_drops", "Syslog datagrams the kernel dropped for a full receive buffer (socket's drops in /proc/net/udp).");

    /// <summary>The metrics are process-wide: they show the latest host's figures (tests start many hosts in one process).</summary>
    private static volatile Action? _readGauges;

    static IngestCounters() => Metrics.DefaultRegistry.AddBeforeCollectCallback(() => _readGauges?.Invoke());

    /// <summary>Spool and kernel figures are read when /metrics is scraped, not pushed on every change.</summary>
    public IngestCounters(IngestSpool spool, BoundPorts ports, TimeProvider clock)
    {
        _readGauges = () =>
        {
            SpoolBytes.Set(spool.Bytes);
            SpoolLines.Set(spool.Lines);
            SpoolAge.Set(spool.OldestReceivedAt is { } oldest ? (clock.GetUtcNow() - oldest).TotalSeconds : 0);
            KernelDrops.Set(KernelUdpDrops.Of(ports.SyslogUdp));
        };
    }

    private long _accepted, _duplicates, _quarantined, _udpDropped, _lost;

    /// <summary>Records that could be neither stored nor spooled (the spool's disk failed): logged and counted, never silent.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    public void Lose(string channel, int count)
    {
        Interlocked.Add(ref _lost, count);
        Records.WithLabels(channel, "lost").Inc(count);
    }

    public long Accepted => Interlocked.Read(ref _accepted);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Quarantined => Interlocked.Read(ref _quarantined);
    public long UdpDropped => Interlocked.Read(ref _udpDropped);
    /// <summary>One reference swapped whole: batches are stored by more than one writer at once.</summary>
    private sealed record LastStore(DateTimeOffset At, TimeSpan Lag);

    private volatile LastStore? _last;

    public DateTimeOffset? LastStoredAt => _last?.At;
    public TimeSpan? LastLag => _last?.Lag;

    public void Stored(string channel, int accepted, int duplicates, DateTimeOffset at, TimeSpan lag)
    {
        Interlocked.Add(ref _accepted, accepted);
        Interlocked.Add(ref _duplicates, duplicates);
        Records.WithLabels(channel, "accepted").Inc(accepted);
        Records.WithLabels(channel, "duplicate").Inc(duplicates);
        _last = new LastStore(at, lag);
    }

    public void Quarantine(string channel)
    {
        Interlocked.Increment(ref _quarantined);
        Records.WithLabels(channel, "quarantined").Inc();
    }

    public void UdpDrop()
    {
        Interlocked.Increment(ref _udpDropped);
        Records.WithLabels("syslog-udp", "dropped").Inc();
    }
}
