using System.Net;
using System.Net.Sockets;

namespace Op25b.Api.Ingest;

/// <summary>An accept loop for stream sockets (TCP or unix): one task per connection; a failing connection never stops the listener.</summary>
public static class TcpServer
{
    /// <summary>Accepts on a socket bound by <see cref="ListenerSockets.Stream"/> until stopped; disposes it at the end.</summary>
    public static async Task RunAsync(Socket listener, Func<Socket, CancellationToken, Task> handle, ILogger log, CancellationToken ct)
    {
        using var accepting = listener;
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
