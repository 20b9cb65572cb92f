using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Op25b.Api.Tests.Infrastructure;

namespace Op25b.Api.Tests.Hosting;

/// <summary>Start-up as an operator sees it: the built host, in a process of its own, on the embedded default.</summary>
public sealed class ListenerPortTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task A_syslog_port_that_is_taken_stops_start_up_naming_the_port_and_readiness_never_says_ready()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var http = HostProcess.FreeTcpPort();

        var start = HostProcess.Binary(_scratch.Path);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{http}";
        start.Environment["Database__DataDirectory"] = _scratch.File("data");
        start.Environment["Ingest__BindAddress"] = "127.0.0.1";
        start.Environment["Ingest__SyslogTcpPort"] = port.ToString();
        start.Environment["Ingest__SyslogUdpPort"] = "0";
        start.Environment["Ingest__UlogdTcpPort"] = "0";
        using var host = Process.Start(start)!;
        var stdout = host.StandardOutput.ReadToEndAsync();
        var stderr = host.StandardError.ReadToEndAsync();

        // Ask for readiness the whole time the host lives: it must never say ready.
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var readyAnswers = 0;
        var deadline = Stopwatch.StartNew();
        while (!host.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            try
            {
                if ((await client.GetAsync($"http://127.0.0.1:{http}/health/ready")).StatusCode == HttpStatusCode.OK)
                    readyAnswers++;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        if (!host.HasExited)
            host.Kill(entireProcessTree: true);
        await host.WaitForExitAsync();
        var output = await stdout + await stderr;

        Assert.NotEqual(0, host.ExitCode);
        Assert.Equal(0, readyAnswers);
        Assert.Contains($"127.0.0.1:{port}", output);
        Assert.Contains("Ingest:SyslogTcpPort", output);
    }
}
