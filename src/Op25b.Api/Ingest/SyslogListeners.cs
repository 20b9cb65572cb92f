using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Op25b.Core.Attempts.Parsing;

namespace Op25b.Api.Ingest;

/// <summary>
/// Syslog from routers over UDP (RFC 5426: one message per datagram) and TCP (RFC 6587: octet
/// counting or LF framing, detected per frame): RFC 5424, RFC 3164 and Cisco's own header, with
/// the Linux kernel LOG, Cisco ACL and Junos firewall message parsers. A line belongs to the router
/// whose registered syslog source sent it; lines (and TCP connections) from any other address are
/// refused and counted per source. The bound ports are published in <see cref="BoundPorts"/>.
/// </summary>
public sealed class SyslogListeners(
    AttemptQueue queue, IOptions<IngestOptions> options, TimeProvider clock, BoundPorts ports, RouterDirectory routers,
    RouterLines lines, IngestCounters counters, ILogger<SyslogListeners> log)
    : BackgroundService
{
    private const string Udp = "syslog-udp";
    private const string Tcp = "syslog-tcp";
    private readonly SyslogAttemptParser _parser = new();

    private Socket? _udp, _tcp;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var address = IPAddress.Parse(options.Value.BindAddress);
        if (options.Value.SyslogUdpPort is { } udpPort)
            ports.SyslogUdp = ListenerSockets.PortOf(_udp = ListenerSockets.Udp(new IPEndPoint(address, udpPort), "Ingest:SyslogUdpPort"));
        if (options.Value.SyslogTcpPort is { } tcpPort)
            ports.SyslogTcp = ListenerSockets.PortOf(_tcp = ListenerSockets.Stream(new IPEndPoint(address, tcpPort), "Ingest:SyslogTcpPort"));
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Until the routers are read, every source would look unregistered: what arrives meanwhile
        // waits in the sockets' kernel buffers.
        await routers.Loaded.WaitAsync(stoppingToken);
        var tasks = new List<Task>();
        if (_udp is not null)
            tasks.Add(RunUdpAsync(_udp, stoppingToken));
        if (_tcp is not null)
            tasks.Add(TcpServer.RunAsync(_tcp, HandleTcpAsync, log, stoppingToken));
        await Task.WhenAll(tasks);
    }

    private async Task RunUdpAsync(Socket socket, CancellationToken ct)
    {
        using var udp = new UdpClient { Client = socket };
        while (!ct.IsCancellationRequested)
        {
            UdpReceiveResult datagram;
            try
            {
                datagram = await udp.ReceiveAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var source = datagram.RemoteEndPoint.Address;
            if (Parse(Encoding.UTF8.GetString(datagram.Buffer), Udp, source, RouterSyslogSourceText(source)) is { } item)
                queue.EnqueueOrDrop(item);
        }
    }

    private async Task HandleTcpAsync(Socket socket, CancellationToken ct)
    {
        var remote = ((IPEndPoint)socket.RemoteEndPoint!).Address;
        if (routers.BySource(remote) is null)
        {
            // Refused whole: nothing it could send would be stored.
            counters.UnregisteredSource(Tcp, remote);
            return;
        }
        // Formatted once per connection, not per line: it was a measurable share of the TCP path.
        var origin = RouterSyslogSourceText(remote);
        var framing = new SyslogFraming();
        var buffer = new byte[64 * 1024];
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            foreach (var frame in framing.Feed(buffer.AsSpan(0, read)))
            {
                var item = frame.Succeeded
                    ? Parse(frame.Text!, Tcp, remote, origin)
                    : new IngestItem(Tcp, origin, null, frame.Text ?? "", frame.Error, clock.GetUtcNow());
                if (item is not null)
                    await queue.EnqueueAsync(item, ct);
            }
    }

    private IngestItem? Parse(string line, string channel, IPAddress source, string origin)
    {
        var now = clock.GetUtcNow();
        // Looked up per line: a router re-registered while a TCP connection is open takes effect at once.
        if (routers.BySource(source) is not { } router)
        {
            counters.UnregisteredSource(channel, source);
            return null;
        }
        var parsed = _parser.Parse(line, new RouterClock(router.Zone, now));
        return lines.Admit(parsed, router, channel, origin, line, now);
    }

    private static string RouterSyslogSourceText(IPAddress source) => Core.Network.RouterSyslogSource.Normalize(source).ToString();
}
