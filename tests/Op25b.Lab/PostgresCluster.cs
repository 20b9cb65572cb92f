using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Op25b.Lab;

/// <summary>
/// A throwaway PostgreSQL cluster started from the installed server binaries, once per test
/// run, on a free loopback port, with durability off (it is deleted afterwards). initdb and
/// pg_ctl refuse to run as root, so as root they run as the postgres user via runuser.
/// </summary>
/// <remarks>
/// A test that stops and starts the server (to see what a restart does to the host) takes a
/// cluster of its own from <see cref="StartOwn"/> and disposes it; the shared instance is never
/// stopped before the run ends, so other tests are unaffected.
/// </remarks>
public sealed class PostgresCluster : IDisposable
{
    private static readonly Lazy<PostgresCluster> Shared = new(() => Start(durableCommits: false));

    private readonly string _root;
    private readonly string _binDir;
    private readonly string _options;

    private PostgresCluster(string root, string binDir, int port, string options)
    {
        (_root, _binDir, Port, _options) = (root, binDir, port, options);
    }

    public int Port { get; }

    public static PostgresCluster Instance => Shared.Value;

    /// <summary>
    /// Stops the shared cluster if this process started one. The test assembly calls it when its
    /// run ends (ProcessExit alone proved unreliable: the cluster outlived the test host);
    /// tests/run.sh stops whatever a killed test host left behind.
    /// </summary>
    public static void StopShared()
    {
        if (Shared.IsValueCreated)
            Shared.Value.Stop();
    }

    /// <summary>
    /// A cluster for one test, which may <see cref="StopServer"/> and <see cref="StartServer"/> it.
    /// Commits are synchronous here: a commit the host was told about must survive the stop.
    /// </summary>
    public static PostgresCluster StartOwn() => Start(durableCommits: true);

    /// <summary>A clean, fast shutdown: sessions are terminated (57P01), as in a server restart.</summary>
    public void StopServer() =>
        Run(Path.Combine(_binDir, "pg_ctl"), $"-D {Path.Combine(_root, "data")} -m fast -w -t 60 stop", asPostgres: true);

    /// <summary>Starts the stopped server again, on the same port with the same data.</summary>
    public void StartServer() =>
        Run(Path.Combine(_binDir, "pg_ctl"), $"-D {Path.Combine(_root, "data")} -l {_root}/server.log -o \"{_options}\" -w -t 60 start", asPostgres: true);

    /// <summary>Stops the server (if running) and deletes the cluster's files.</summary>
    public void Dispose() => Stop();

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Include Error Detail=true";

    /// <summary>Creates an empty database for one test class.</summary>
    public string CreateDatabase()
    {
        var name = $"t_{Guid.NewGuid():N}";
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    private static PostgresCluster Start(bool durableCommits)
    {
        var binDir = FindBinDir() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin. " +
            "The test command (.ci/run) installs the 'postgresql' package; install it to run these tests.");
        var root = Path.Combine(Path.GetTempPath(), $"op25b-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(root);
        var data = Path.Combine(root, "data");
        if (IsRoot)
            Run("chown", $"postgres:postgres {root}");

        Run(Path.Combine(binDir, "initdb"), $"-D {data} -U postgres -A trust -E UTF8 --no-locale", asPostgres: true);
        var port = FreePort();
        // fsync stays off even for durable commits: the tests stop the server, never the machine.
        var options = $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit={(durableCommits ? "on" : "off")} " +
                      "-c full_page_writes=off -c max_connections=200" + ServerSettingsFromEnvironment();
        var cluster = new PostgresCluster(root, binDir, port, options);
        try
        {
            cluster.StartServer();
        }
        catch
        {
            cluster.Dispose(); // leaves no folder behind
            throw;
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
        return cluster;
    }

    /// <summary>
    /// OP25B_PG_SETTINGS="shared_buffers=1GB": extra server settings for one run, for benchmarks that
    /// compare server configurations; the tests leave it unset and run on PostgreSQL's defaults.
    /// </summary>
    private static string ServerSettingsFromEnvironment() =>
        string.Concat((Environment.GetEnvironmentVariable("OP25B_PG_SETTINGS") ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(setting => $" -c {setting}"));

    private int _stopped;

    /// <summary>
    /// Stops the server and deletes its folder in a process of its own session: the test host is
    /// torn down right after the run ends (its process group with it), and a stop running inside it
    /// was cut off half-way, leaving the folder behind. tests/run.sh waits for it to finish.
    /// </summary>
    private void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        var pgCtl = $"{Path.Combine(_binDir, "pg_ctl")} -D {Path.Combine(_root, "data")} -m immediate -w stop";
        var stop = IsRoot ? $"runuser -u postgres -- {pgCtl}" : pgCtl;
        using var detached = Process.Start(new ProcessStartInfo("setsid", ["-f", "sh", "-c", $"{stop} >/dev/null 2>&1; rm -rf {_root}"])
        {
            WorkingDirectory = Path.GetTempPath(),
        });
        detached?.WaitForExit();
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string? FindBinDir() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, string arguments, bool asPostgres = false)
    {
        var start = asPostgres && IsRoot
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {stderr}{stdout.Result}");
    }
}
