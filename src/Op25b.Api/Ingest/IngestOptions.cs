using Op25b.Persistence;

namespace Op25b.Api.Ingest;

/// <summary>Bound from <c>Ingest</c>. Port 0 picks a free port (tests); null switches a listener off.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>The address the syslog and ulogd TCP/UDP listeners bind ("::" for both families on a dual-stack host).</summary>
    public string BindAddress { get; set; } = "0.0.0.0";
    /// <summary>Unprivileged defaults: routers are pointed at these instead of 514.</summary>
    public int? SyslogUdpPort { get; set; } = 5514;
    public int? SyslogTcpPort { get; set; } = 5514;
    public int? UlogdTcpPort { get; set; } = 5515;
    /// <summary>A unix socket for ulogd2's JSON output (mode="unix"), reachable from the router's own network namespace on one host.</summary>
    public string? UlogdUnixSocket { get; set; }
    /// <summary>
    /// The router whose records arrive on <see cref="UlogdUnixSocket"/>. A unix socket has no
    /// source address, so the socket itself is bound to one router; without it, every record on
    /// the socket is refused as from an unregistered source.
    /// </summary>
    public string? UlogdUnixSocketRouter { get; set; }
    /// <summary>How often the listeners re-read routers and their syslog sources (a router change also triggers a read).</summary>
    public int RouterRefreshSeconds { get; set; } = 5;
    /// <summary>
    /// Records waiting to be stored. When full, TCP senders wait (push back) and UDP datagrams wait in
    /// the socket's 8 MB kernel buffer, then are dropped and counted. Two batches: while the database is
    /// the bottleneck the queue stays full, and every queued record is a handful of objects that
    /// survive several collections — at 100,000 the collector's work cost 15% of the syslog rate
    /// (README, issue 15). It is also what a crash loses.
    /// </summary>
    public int QueueCapacity { get; set; } = 20_000;
    public int BatchSize { get; set; } = 10_000;
    /// <summary>Batches stored at once on PostgreSQL (each on its own connection, so the server can use more than one core); SQLite has one writer.</summary>
    public int PostgresWriters { get; set; } = 2;

    /// <summary>How many chunks the syslog/ulogd writer and a streamed REST batch each store at once.</summary>
    public int WritersFor(DatabaseOptions database) =>
        database.Provider == DatabaseProvider.Postgres ? Math.Max(1, PostgresWriters) : 1;
    public int BatchMilliseconds { get; set; } = 200;

    /// <summary>Where lines wait while the database cannot store them (relative to the content root).</summary>
    public string SpoolDirectory { get; set; } = "data/spool";

    /// <summary>Past this, the spool takes nothing more: TCP senders are held back and UDP datagrams are dropped and counted.</summary>
    public long SpoolMaxBytes { get; set; } = 1L << 30;
}
