using System.Net;
using System.Net.Sockets;
using Op25b.Api.Ingest;

namespace Op25b.Api.Tests.Ingest;

public sealed class KernelUdpDropsTests
{
    [Fact]
    public void Drops_are_summed_over_the_sockets_bound_to_the_port_in_udp_and_udp6_rows()
    {
        string[] rows =
        [
            " 1065: 0100007F:15A2 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 74493 2 0000000074cce327 403117",
            " 1066: 0100007F:15A3 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 74494 2 0000000074cce328 9",
            "  120: 00000000000000000000000001000000:15A2 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000  0  0 74495 2 0000000074cce329 5",
        ];
        Assert.Equal(403_122, KernelUdpDrops.Sum(rows, 0x15A2));
        Assert.Equal(0, KernelUdpDrops.Sum(rows, 514));
    }

    [Fact]
    public async Task Datagrams_the_kernel_dropped_for_a_full_socket_buffer_are_counted()
    {
        using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        receiver.Client.ReceiveBufferSize = 4096; // the kernel's minimum, about two datagrams with their overhead
        var port = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;
        using var sender = new UdpClient();
        const int sent = 500;
        for (var i = 0; i < sent; i++)
            await sender.SendAsync(new byte[200], new IPEndPoint(IPAddress.Loopback, port));
        var received = 0;
        while (receiver.Available > 0)
        {
            await receiver.ReceiveAsync();
            received++;
        }
        Assert.True(KernelUdpDrops.Of(port) > 0, "no drops counted");
        Assert.Equal(sent, received + KernelUdpDrops.Of(port));
    }
}
