using System.Diagnostics;
using System.Net.Http.Headers;
using Op25b.Api.Tests.Lab;
using Xunit.Abstractions;

namespace Op25b.Api.Tests.Infrastructure;

/// <summary>
/// The built host (src/Op25b.Api) run as `dotnet Op25b.Api.dll`, configured through the environment like a
/// deployment would be, with its Hangfire server on: what only separate processes show (kill -9, several
/// hosts on one database).
/// </summary>
internal sealed class ExternalHost : IDisposable
{
    private readonly Process _process;

    private ExternalHost(Process process, int httpPort)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}");
    }

    /// <summary>The process id, which a deployment's owner (RolloutTimings.Id) names.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Where the host answers HTTP (meaningless when it was started on port 0).</summary>
    public Uri BaseAddress { get; }

    /// <param name="workdir">Where the host writes files (data, exports); the caller deletes it.</param>
    /// <param name="httpPort">0 lets the system choose (the caller then cannot reach it over HTTP).</param>
    /// <param name="settings">Configuration over the defaults below (e.g. a reconcile interval of the test's own).</param>
    public static ExternalHost Start(string connectionString, string workdir, ITestOutputHelper output, int httpPort = 0, string name = "host",
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var configuration = testBin.Parent!.Name; // …/bin/<Configuration>/net10.0
        var root = testBin;
        while (!File.Exists(Path.Combine(root.FullName, "Admin.sln")))
            root = root.Parent ?? throw new InvalidOperationException("Admin.sln not found");
        var dll = Path.Combine(root.FullName, "src", "Op25b.Api", "bin", configuration, testBin.Name, "Op25b.Api.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        var env = new Dictionary<string, string>(LabRollout.FastTimings)
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = connectionString,
            ["Urls"] = $"http://127.0.0.1:{httpPort}",
            ["Jobs:RunServer"] = "true",
            ["Ingest:BindAddress"] = "127.0.0.1",
            ["Ingest:SyslogUdpPort"] = "0",
            ["Ingest:SyslogTcpPort"] = "0",
            ["Ingest:UlogdTcpPort"] = "0",
            ["Ingest:SpoolDirectory"] = Path.Combine(workdir, "spool"),
            ["Exports:Directory"] = Path.Combine(workdir, "exports"),
            ["Database:DataDirectory"] = Path.Combine(workdir, "data"),
            ["Jobs:WorkerCount"] = "2",
            // Tests sign in and call far more often than people do.
            ["RateLimits:LoginPerAddressPerMinute"] = "0",
            ["RateLimits:ApiPerKeyPerMinute"] = "0",
            ["RouterKeys:Directory"] = Op25b.Lab.LabNetwork.KeyDirectory,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            env[key] = value;
        foreach (var (key, value) in env)
            start.Environment[key.Replace(":", "__")] = value;
        var process = Process.Start(start)!;
        // Drained so the host never blocks on a full pipe; errors are worth seeing in the test output.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
                try { output.WriteLine($"{name}: {line}"); } catch (InvalidOperationException) { }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ExternalHost(process, httpPort);
    }

    /// <summary>A client of this host that follows no redirects and keeps no cookies (tests send them by hand).</summary>
    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };
        if (apiKey is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", apiKey);
        return client;
    }

    /// <summary>Waits until /health/ready answers 200 (the database reachable, the listeners bound).</summary>
    public async Task ReadyAsync(TimeSpan timeout)
    {
        using var client = Client();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the host exited with {_process.ExitCode} before it was ready");
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"{BaseAddress} was not ready within {timeout}");
            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL: no shutdown hook runs, as when the machine or the OOM killer ends it.</summary>
    public void Kill()
    {
        if (_process.HasExited)
            return;
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Kill();
        _process.Dispose();
    }
}
