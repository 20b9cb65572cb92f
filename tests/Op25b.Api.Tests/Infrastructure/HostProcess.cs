using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Op25b.Api.Tests.Infrastructure;

/// <summary>
/// The host as a process of its own (<c>dotnet Op25b.Api.dll</c> from the test's output), on
/// PostgreSQL, for what only a real process shows: what survives <c>kill -9</c>. Its working
/// folder (the content root, so its data/ lands there) is the caller's to delete.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;

    private HostProcess(Process process) => _process = process;

    public static ProcessStartInfo Command(string connectionString, string workingDirectory, string spoolDirectory, int httpPort, int syslogTcpPort,
        params string[] arguments)
    {
        var start = Binary(workingDirectory, arguments);
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["Database__ConnectionString"] = connectionString;
        start.Environment["Jobs__RunServer"] = "false";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["Ingest__BindAddress"] = "127.0.0.1";
        start.Environment["Ingest__SyslogTcpPort"] = syslogTcpPort.ToString();
        start.Environment["Ingest__SyslogUdpPort"] = "0";
        start.Environment["Ingest__UlogdTcpPort"] = "0";
        start.Environment["Ingest__SpoolDirectory"] = spoolDirectory;
        return start;
    }

    /// <summary>
    /// <c>dotnet Op25b.Api.dll</c> from the test's output with <paramref name="arguments"/>, output
    /// redirected; the caller adds the configuration (environment) it needs.
    /// </summary>
    public static ProcessStartInfo Binary(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Op25b.Api.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return start;
    }

    /// <summary>Starts the host and waits until its syslog TCP port accepts connections.</summary>
    public static async Task<HostProcess> StartAsync(ProcessStartInfo start, int syslogTcpPort)
    {
        var host = new HostProcess(Process.Start(start)!);
        host._process.OutputDataReceived += (_, _) => { };
        host._process.ErrorDataReceived += (_, _) => { };
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (host._process.HasExited)
                throw new InvalidOperationException($"the host exited with {host._process.ExitCode} before listening");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, syslogTcpPort);
                return host;
            }
            catch (SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Runs one of the host's commands (e.g. <c>apikey create</c>) to its end and returns what it printed.</summary>
    public static async Task<string> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"host command failed ({process.ExitCode}): {errors}{await output}");
        return await output;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            KillHard();
        _process.Dispose();
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
