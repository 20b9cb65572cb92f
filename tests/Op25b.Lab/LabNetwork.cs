using System.Diagnostics;
using System.Net;
using Op25b.Routers.Ssh;
using Xunit;
using Xunit.Abstractions;

namespace Op25b.Lab;

/// <summary>
/// A real OP25B lab (tests/lab/lab.sh): subscriber hosts s1 and s2, a router with nftables and
/// sshd, an "internet" host listening on 25/465/587, each in its own network namespace. Built
/// once for the "lab" collection and torn down afterwards, whatever the tests did.
/// The router is reached only through its management link-local address, so no test traffic
/// can leave the machine.
/// </summary>
public sealed class LabNetwork : IAsyncLifetime
{
    private readonly string _id = "t" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4]);
    private string? _workdir;

    /// <summary>
    /// The folder a host must allow router keys from (RouterKeys:Directory) to use the lab's key:
    /// each lab makes its work folder, key included, under the temp folder.
    /// </summary>
    public static string KeyDirectory => Path.GetTempPath();
    private string? _labScript;
    private bool _up;

    /// <summary>Why the lab could not be built on this machine (not root, a tool missing); null when it runs.</summary>
    public string? Unavailable { get; private set; }

    public RouterEndpoint Router { get; private set; } = null!;
    public string RouterNs { get; private set; } = "";
    public string S1Ns { get; private set; } = "";
    public string S2Ns { get; private set; } = "";
    public string InternetNs { get; private set; } = "";
    public string MgmtVeth { get; private set; } = "";
    public TimeSpan UpTime { get; private set; }

    public const string InternetV4 = "203.0.113.9";
    public const string InternetV6 = "2001:db8:ffff::9";

    public async Task InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Unavailable = "the network lab needs root (network namespaces, nftables)";
            return;
        }
        var root = RepositoryRoot();
        _labScript = Path.Combine(root, "tests", "lab", "lab.sh");
        // Missing tools are an environment problem (reported, or failed under CI); a lab that
        // fails to come up with every tool present is a bug and fails the tests.
        var prerequisites = await RunAsync(Path.Combine(root, "tests", "lab", "prerequisites.sh"));
        if (prerequisites.ExitCode != 0)
        {
            Unavailable = $"lab prerequisites could not be installed: {prerequisites.Stderr.Trim()}";
            return;
        }

        _workdir = Directory.CreateTempSubdirectory("op25b-lab-").FullName;
        var clock = Stopwatch.StartNew();
        var up = await RunAsync(_labScript, "up", _id, _workdir);
        UpTime = clock.Elapsed;
        _up = true;
        if (up.ExitCode != 0)
            throw new InvalidOperationException($"lab.sh up failed ({up.ExitCode}): {up.Stderr}");

        var values = up.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1].Trim());
        RouterNs = values["router_ns"];
        S1Ns = values["s1_ns"];
        S2Ns = values["s2_ns"];
        InternetNs = values["internet_ns"];
        MgmtVeth = values["mgmt_veth"];
        Router = new RouterEndpoint(values["router_mgmt"], int.Parse(values["ssh_port"]), values["ssh_user"],
            values["ssh_private_key"], values["host_key_sha256"]);
    }

    private Process? _ulogd;

    /// <summary>
    /// Runs ulogd2 inside the router namespace: NFLOG group 1 → JSON, written to a unix socket
    /// (reachable across network namespaces, so nothing leaves the machine), with
    /// <paramref name="device"/> as the record's router identity. The collector must already
    /// listen: ulogd 2.0.8 crashes on the first packet when its socket could not connect.
    /// </summary>
    public async Task StartUlogdAsync(string socketPath, string device)
    {
        var plugins = Directory.GetDirectories("/usr/lib").Select(d => Path.Combine(d, "ulogd")).FirstOrDefault(Directory.Exists)
            ?? throw new InvalidOperationException("ulogd2 plugins not found under /usr/lib/*/ulogd");
        var config = Path.Combine(_workdir!, "ulogd.conf");
        await File.WriteAllTextAsync(config, $"""
            [global]
            logfile="{Path.Combine(_workdir!, "ulogd.log")}"
            loglevel=3
            plugin="{plugins}/ulogd_inppkt_NFLOG.so"
            plugin="{plugins}/ulogd_raw2packet_BASE.so"
            plugin="{plugins}/ulogd_filter_IFINDEX.so"
            plugin="{plugins}/ulogd_filter_IP2STR.so"
            plugin="{plugins}/ulogd_output_JSON.so"
            stack=log1:NFLOG,base1:BASE,ifi1:IFINDEX,ip2str1:IP2STR,json1:JSON

            [log1]
            group=1
            netlink_qthreshold=1
            netlink_socket_buffer_size=8388608
            netlink_socket_buffer_maxsize=33554432

            [json1]
            mode="unix"
            file="{socketPath}"
            device="{device}"
            sync=1
            """ + "\n"); // ulogd ignores a last line without its newline
        var start = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "netns", "exec", RouterNs, "/usr/sbin/ulogd", "-c", config })
            start.ArgumentList.Add(arg);
        _ulogd = Process.Start(start)!;
        // Ready when the NFLOG group is bound inside the router namespace.
        for (var i = 0; i < 50; i++)
        {
            var bound = await ExecAsync(RouterNs, "cat", "/proc/net/netfilter/nfnetlink_log");
            if (bound.Stdout.Trim().Length > 0)
                return;
            if (_ulogd.HasExited)
                throw new InvalidOperationException($"ulogd exited: {await _ulogd.StandardError.ReadToEndAsync()} {ReadLog()} config: {await File.ReadAllTextAsync(config)}");
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"ulogd did not bind NFLOG group 1 within 5 s: {ReadLog()}");
    }

    public string ReadLog()
    {
        var log = Path.Combine(_workdir ?? "", "ulogd.log");
        return File.Exists(log) ? File.ReadAllText(log) : "";
    }

    public async Task DisposeAsync()
    {
        if (_ulogd is { HasExited: false })
        {
            _ulogd.Kill(entireProcessTree: true);
            await _ulogd.WaitForExitAsync();
        }
        if (_up && _labScript is not null && _workdir is not null)
            await RunAsync(_labScript, "down", _id, _workdir);
        if (_workdir is not null && Directory.Exists(_workdir))
            Directory.Delete(_workdir, recursive: true);
    }

    /// <summary>
    /// The one place that decides what a lab test does when the lab cannot run here: under
    /// CI=true it fails with the reason (CI must not go green on tests that did not run);
    /// elsewhere it writes the reason and returns false, and the test returns early
    /// (xunit 2 has no dynamic skip).
    /// </summary>
    public bool IsAvailable(ITestOutputHelper output)
    {
        if (Unavailable is null)
            return true;
        if (Environment.GetEnvironmentVariable("CI") == "true")
            Assert.Fail($"lab unavailable: {Unavailable}");
        output.WriteLine($"lab test not run: {Unavailable}");
        return false;
    }

    /// <summary>Whether a TCP connection from host namespace <paramref name="fromHostNs"/> to address:port is accepted.</summary>
    public async Task<bool> CanConnectAsync(string fromHostNs, string address, int port, TimeSpan timeout)
    {
        // Parsed, so nothing but an address reaches the command line; bash's /dev/tcp takes
        // IPv6 addresses without brackets.
        var ip = IPAddress.Parse(address);
        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        var result = await RunAsync("ip", "netns", "exec", fromHostNs, "timeout", seconds.ToString(),
            "bash", "-c", "exec 3<>/dev/tcp/$0/$1", ip.ToString(), port.ToString());
        return result.ExitCode == 0;
    }

    /// <summary>
    /// Makes the router hold every following <c>nft -f</c> (<paramref name="command"/> "apply") or
    /// <c>nft -j list</c> ("read") for <paramref name="delay"/> before running it (the lab's SSH
    /// command wrapper reads the file), so a push stays in flight long enough for a test to act
    /// while it runs. <see cref="TimeSpan.Zero"/> removes the hold.
    /// </summary>
    public void HoldRouterCommands(string command, TimeSpan delay)
    {
        var file = Path.Combine(_workdir!, $"delay-{command}");
        if (delay == TimeSpan.Zero)
            File.Delete(file);
        else
            File.WriteAllText(file, delay.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Kills the router's SSH sessions (sshd's per-connection processes) and leaves the listening sshd running: a connection cut mid-command.</summary>
    public async Task CutSshSessionsAsync()
    {
        foreach (var (pid, cmdline) in await RouterProcessesAsync())
            // The listener retitles itself "sshd: /usr/sbin/sshd … [listener] …"; it must live on.
            if (cmdline.StartsWith("sshd: ", StringComparison.Ordinal) && !cmdline.Contains("[listener]", StringComparison.Ordinal))
                await RunAsync("kill", "-KILL", pid);
    }

    /// <summary>Stops (SIGSTOP) or resumes the router's listening sshd: while stopped, connections hang until the client's timeout.</summary>
    public async Task PauseSshdAsync(bool paused)
    {
        foreach (var (pid, cmdline) in await RouterProcessesAsync())
            if (cmdline.Contains("[listener]", StringComparison.Ordinal))
                await RunAsync("kill", paused ? "-STOP" : "-CONT", pid);
    }

    /// <summary>Only processes in the router's namespace: the machine's own sshd sessions share the process table.</summary>
    private async Task<List<(string Pid, string Cmdline)>> RouterProcessesAsync()
    {
        var pids = (await RunAsync("ip", "netns", "pids", RouterNs)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return pids.Select(p => p.Trim())
            .Select(pid => (pid, File.Exists($"/proc/{pid}/cmdline") ? File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ') : ""))
            .ToList();
    }

    /// <summary>The router's OP25B table as nft lists it (JSON), read inside its namespace, not over SSH.</summary>
    public async Task<Op25b.Routers.Nftables.NftablesState> ReadTableAsync()
    {
        var list = await ExecAsync(RouterNs, "nft", "-j", "list", "table", "inet", "op25b");
        return list.ExitCode == 0 ? Op25b.Routers.Nftables.NftablesJsonParser.Parse(list.Stdout) : Op25b.Routers.Nftables.NftablesState.Absent;
    }

    /// <summary>Runs a command inside one of the lab's namespaces (e.g. nft in the router).</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> ExecAsync(string ns, params string[] command) =>
        RunAsync("ip", ["netns", "exec", ns, .. command]);

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Admin.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"Admin.sln not found above {AppContext.BaseDirectory}");
    }
}
