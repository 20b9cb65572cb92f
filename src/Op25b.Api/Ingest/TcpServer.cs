using System.Net;
using System.Net.Sockets;

namespace Op25b.Api.Ingest;

/// <summary>An accept loop for stream sockets (TCP or unix): one task per connection; a failing connection never stops the listener.</summary>
public static class TcpServer
{
    public static async Task RunAsync(EndPoint endpoint, Action<int> bound, Func<Socket, CancellationToken, Task> handle, ILogger log, CancellationToken ct)
    {
        var protocol = endpoint is UnixDomainSocketEndPoint ? ProtocolType.Unspecified : ProtocolType.Tcp;
        using var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, protocol);
        // Bound to "::", take IPv4 senders too (they appear as ::ffff:a.b.c.d and are normalised
        // before the source lookup), as the UDP listener does.
        if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
            listener.DualMode = true;
        if (protocol == ProtocolType.Tcp)
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(endpoint);
        listener.Listen(128);
        if (listener.LocalEndPoint is IPEndPoint local)
            bound(local.Port);
        while (!ct.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using (connection)
                {
                    try
                    {
                        await handle(connection, ct);
                    }
                    catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
                    {
                        log.LogDebug(ex, "Connection from {Remote} ended", connection.RemoteEndPoint);
                    }
                }
            }, ct);
        }
    }
}
