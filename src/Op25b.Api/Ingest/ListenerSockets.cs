using System.Net;
using System.Net.Sockets;

namespace Op25b.Api.Ingest;

/// <summary>
/// Binds the listeners' sockets while the host starts (in <c>StartAsync</c>, before the web server
/// serves and so before readiness can answer), so a port that is taken stops start-up with the
/// setting and the address named, instead of killing a host that already said it was ready.
/// </summary>
public static class ListenerSockets
{
    public static Socket Udp(IPEndPoint endpoint, string setting) => Bind(setting, endpoint, () =>
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        // Bound to "::", take IPv4 senders too (they appear as ::ffff:a.b.c.d).
        if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
            socket.DualMode = true;
        socket.ReceiveBufferSize = 8 * 1024 * 1024;
        return socket;
    });

    public static Socket Stream(EndPoint endpoint, string setting) => Bind(setting, endpoint, () =>
    {
        var tcp = endpoint is not UnixDomainSocketEndPoint;
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, tcp ? ProtocolType.Tcp : ProtocolType.Unspecified);
        if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
            socket.DualMode = true;
        if (tcp)
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        return socket;
    }, listen: true);

    public static int? PortOf(Socket socket) => (socket.LocalEndPoint as IPEndPoint)?.Port;

    private static Socket Bind(string setting, EndPoint endpoint, Func<Socket> create, bool listen = false)
    {
        var socket = create();
        try
        {
            socket.Bind(endpoint);
            if (listen)
                socket.Listen(128);
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new InvalidOperationException(
                $"Cannot listen on {endpoint} ({setting}): {e.Message}. Free the port, choose another with {setting}, or leave {setting} empty to switch this listener off.", e);
        }
    }
}
