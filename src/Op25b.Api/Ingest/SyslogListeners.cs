using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Op25b.Core.Attempts.Parsing;

namespace Op25b.Api.Ingest;

/// <summary>
/// Syslog from routers over UDP (RFC 5426: one message per datagram) and TCP (RFC 6587: octet
/// counting or LF framing, detected per frame), RFC 5424 and RFC 3164 headers, with the Linux
/// kernel LOG, Cisco ACL and Junos firewall message parsers. The bound ports are published in
/// <see cref="BoundPorts"/> (port 0 in configuration picks a free one).
/// </summary>
public sealed class SyslogListeners(AttemptQueue queue, IOptions<IngestOptions> options, TimeProvider clock, BoundPorts ports, ILogger<SyslogListeners> log)
    : BackgroundService
{
    private readonly SyslogAttemptParser _parser = new(options.Value.LinuxLogPrefix);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var address = IPAddress.Parse(options.Value.BindAddress);
        var tasks = new List<Task>();
        if (options.Value.SyslogUdpPort is { } udpPort)
            tasks.Add(RunUdpAsync(new IPEndPoint(address, udpPort), stoppingToken));
        if (options.Value.SyslogTcpPort is { } tcpPort)
            tasks.Add(TcpServer.RunAsync(new IPEndPoint(address, tcpPort), p => ports.SyslogTcp = p, HandleTcpAsync, log, stoppingToken));
        return Task.WhenAll(tasks);
    }

    private async Task RunUdpAsync(IPEndPoint endpoint, CancellationToken ct)
    {
        using var udp = new UdpClient(endpoint);
        udp.Client.ReceiveBufferSize = 8 * 1024 * 1024;
        ports.SyslogUdp = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
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
            var text = Encoding.UTF8.GetString(datagram.Buffer).TrimEnd('\n', '\r', '\0');
            queue.EnqueueOrDrop(Parse(text, "syslog-udp", datagram.RemoteEndPoint.Address.ToString()));
        }
    }

    private async Task HandleTcpAsync(Socket socket, CancellationToken ct)
    {
        var origin = ((IPEndPoint)socket.RemoteEndPoint!).Address.ToString();
        var framing = new SyslogFraming();
        var buffer = new byte[64 * 1024];
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            foreach (var frame in framing.Feed(buffer.AsSpan(0, read)))
                await queue.EnqueueAsync(frame.Succeeded
                    ? Parse(frame.Text!, "syslog-tcp", origin)
                    : new IngestItem("syslog-tcp", origin, null, frame.Text ?? "", frame.Error, clock.GetUtcNow()), ct);
    }

    private IngestItem Parse(string line, string channel, string origin)
    {
        var now = clock.GetUtcNow();
        var outcome = _parser.Parse(line, now.Year, TimeSpan.Zero);
        return new IngestItem(channel, origin, outcome.Record, line, outcome.Record is null ? outcome.Error ?? "unparseable" : null, now);
    }
}
