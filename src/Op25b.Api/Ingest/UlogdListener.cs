using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Op25b.Core.Attempts;
using Op25b.Core.Attempts.Parsing;
using Op25b.Core.Network;

namespace Op25b.Api.Ingest;

/// <summary>
/// ulogd2's JSON output (NFLOG → JSON, one object per line) from Linux routers, over TCP or a unix
/// socket. Over TCP the router is the one whose syslog source is the peer address; a unix socket
/// has no peer address, so it is bound to one router by configuration (Ingest:UlogdUnixSocketRouter).
/// The record's <c>dvc</c> is only a cross-check.
/// </summary>
public sealed class UlogdListener(
    AttemptQueue queue, IOptions<IngestOptions> options, TimeProvider clock, BoundPorts ports, RouterDirectory routers,
    RouterLines lines, IngestCounters counters, ILogger<UlogdListener> log)
    : BackgroundService
{
    private const string Channel = "ulogd";
    private readonly UlogdJsonParser _parser = new();

    private Socket? _tcp, _unix;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.UlogdTcpPort is { } port)
            ports.UlogdTcp = ListenerSockets.PortOf(_tcp = ListenerSockets.Stream(
                new IPEndPoint(IPAddress.Parse(options.Value.BindAddress), port), "Ingest:UlogdTcpPort"));
        if (options.Value.UlogdUnixSocket is { } path)
        {
            if (File.Exists(path))
                File.Delete(path);
            _unix = ListenerSockets.Stream(new UnixDomainSocketEndPoint(path), "Ingest:UlogdUnixSocket");
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await routers.Loaded.WaitAsync(stoppingToken);
        var tasks = new List<Task>();
        if (_tcp is not null)
            tasks.Add(TcpServer.RunAsync(_tcp, HandleAsync, log, stoppingToken));
        if (_unix is not null)
            tasks.Add(TcpServer.RunAsync(_unix, HandleAsync, log, stoppingToken));
        await Task.WhenAll(tasks);
    }

    private async Task HandleAsync(Socket socket, CancellationToken ct)
    {
        var ip = socket.RemoteEndPoint as IPEndPoint;
        var origin = ip is null ? $"unix:{options.Value.UlogdUnixSocket}" : RouterSyslogSource.Normalize(ip.Address).ToString();
        if (Router(ip) is null)
        {
            counters.UnregisteredSource(Channel, origin);
            return;
        }
        using var reader = new StreamReader(new NetworkStream(socket, ownsSocket: false), Encoding.UTF8);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
                continue;
            if (Router(ip) is not { } router)
            {
                counters.UnregisteredSource(Channel, origin);
                continue;
            }
            var now = clock.GetUtcNow();
            var parsed = line.Length > LineLimits.MaxLineLength ? ParseOutcome.Fail("line too long") : _parser.Parse(line, new RouterClock(router.Zone, now));
            var raw = line.Length > LineLimits.MaxLineLength ? line[..LineLimits.MaxLineLength] : line;
            if (lines.Admit(parsed, router, Channel, origin, raw, now) is { } item)
                await queue.EnqueueAsync(item, ct);
        }
    }

    private RouterLogProfile? Router(IPEndPoint? peer) => peer is null
        ? options.Value.UlogdUnixSocketRouter is { } name ? routers.ByName(name) : null
        : routers.BySource(peer.Address);
}
