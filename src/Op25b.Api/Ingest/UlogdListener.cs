using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Op25b.Core.Attempts.Parsing;

namespace Op25b.Api.Ingest;

/// <summary>
/// ulogd2's JSON output (NFLOG → JSON, one object per line) from Linux routers, over TCP or a unix
/// socket. The router identity is the record's <c>dvc</c> (ulogd's device name).
/// </summary>
public sealed class UlogdListener(AttemptQueue queue, IOptions<IngestOptions> options, TimeProvider clock, BoundPorts ports, ILogger<UlogdListener> log)
    : BackgroundService
{
    private readonly UlogdJsonParser _parser = new(options.Value.LinuxLogPrefix);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tasks = new List<Task>();
        if (options.Value.UlogdTcpPort is { } port)
            tasks.Add(TcpServer.RunAsync(new IPEndPoint(IPAddress.Parse(options.Value.BindAddress), port), p => ports.UlogdTcp = p, HandleAsync, log, stoppingToken));
        if (options.Value.UlogdUnixSocket is { } path)
        {
            if (File.Exists(path))
                File.Delete(path);
            tasks.Add(TcpServer.RunAsync(new UnixDomainSocketEndPoint(path), _ => { }, HandleAsync, log, stoppingToken));
        }
        return Task.WhenAll(tasks);
    }

    private async Task HandleAsync(Socket socket, CancellationToken ct)
    {
        var origin = socket.RemoteEndPoint is IPEndPoint ip ? ip.Address.ToString() : "unix";
        using var reader = new StreamReader(new NetworkStream(socket, ownsSocket: false), Encoding.UTF8);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
                continue;
            var now = clock.GetUtcNow();
            var outcome = line.Length > LineLimits.MaxLineLength ? ParseOutcome.Fail("line too long") : _parser.Parse(line);
            await queue.EnqueueAsync(new IngestItem("ulogd", origin, outcome.Record, line.Length > 8192 ? line[..8192] : line,
                outcome.Record is null ? outcome.Error ?? "unparseable" : null, now), ct);
        }
    }
}
