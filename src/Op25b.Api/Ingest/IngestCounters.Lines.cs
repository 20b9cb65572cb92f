using System.Collections.Concurrent;
using System.Net;
using Op25b.Core.Attempts.Parsing;
using Prometheus;

namespace Op25b.Api.Ingest;

/// <summary>Lines that are received but not stored: from unregistered sources, or not OP25B drops.</summary>
public sealed partial class IngestCounters
{
    // Anyone can send a UDP datagram with any source address: past this many distinct sources
    // the rest share one label and one entry, so counting cannot exhaust memory or Prometheus.
    private const int MaxDistinctSources = 256;
    private const string OtherSources = "other";

    private static readonly Counter Unregistered = Metrics.CreateCounter("op25b_ingest_unregistered_source_total",
        "Lines refused because their source address is no router's registered syslog source.", "channel", "source");
    private static readonly Counter NotCountedLines = Metrics.CreateCounter("op25b_ingest_not_counted_total",
        "Lines from known routers that are not OP25B drops, by router and reason.", "router", "reason");
    private static readonly Counter HostnameMismatches = Metrics.CreateCounter("op25b_ingest_hostname_mismatch_total",
        "Lines whose hostname differs from the router their source address is registered to.", "router");
    private static readonly Counter TimeSources = Metrics.CreateCounter("op25b_ingest_time_source_total",
        "Stored records by where their time came from (logged, kernel-packet-time, ulogd-timestamp, received).", "channel", "source");

    private readonly ConcurrentDictionary<string, long> _unregistered = new();
    private readonly ConcurrentDictionary<(string Router, string Reason), long> _notCounted = new();

    /// <summary>Refused lines (or connections) per source address since start.</summary>
    public IReadOnlyDictionary<string, long> UnregisteredSources => _unregistered.ToDictionary(p => p.Key, p => p.Value);

    /// <summary>Lines not counted as attempts, per router and reason, since start.</summary>
    public IReadOnlyDictionary<(string Router, string Reason), long> NotCounted => _notCounted.ToDictionary(p => p.Key, p => p.Value);

    public void UnregisteredSource(string channel, string source)
    {
        var key = _unregistered.ContainsKey(source) || _unregistered.Count < MaxDistinctSources ? source : OtherSources;
        _unregistered.AddOrUpdate(key, 1, (_, n) => n + 1);
        Unregistered.WithLabels(channel, key).Inc();
    }

    public void UnregisteredSource(string channel, IPAddress source) => UnregisteredSource(channel, source.ToString());

    public void NotCountedLine(string router, string reason)
    {
        _notCounted.AddOrUpdate((router, reason), 1, (_, n) => n + 1);
        NotCountedLines.WithLabels(router, reason).Inc();
    }

    public void HostnameMismatch(string router) => HostnameMismatches.WithLabels(router).Inc();

    public void TimeSource(string channel, LogTimeSource source) => TimeSources.WithLabels(channel, source switch
    {
        LogTimeSource.Logged => "logged",
        LogTimeSource.KernelPacketTime => "kernel-packet-time",
        LogTimeSource.UlogdTimestamp => "ulogd-timestamp",
        _ => "received",
    }).Inc();
}
