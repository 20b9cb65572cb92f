using Renci.SshNet;
using Renci.SshNet.Common;

namespace Op25b.Routers.Ssh;

/// <summary>
/// One authenticated SSH connection to a router whose host key matched the pinned fingerprint.
/// A connection costs ~250–300 ms (key exchange, authentication), so one session serves all
/// the commands of one operation. Not thread-safe: run commands one after another.
/// </summary>
public sealed class PinnedSshSession : IDisposable
{
    private readonly SshClient _client;
    private readonly PrivateKeyFile _key;

    private PinnedSshSession(RouterEndpoint router, SshClient client, PrivateKeyFile key)
    {
        Router = router;
        _client = client;
        _key = key;
    }

    public RouterEndpoint Router { get; }

    /// <exception cref="RouterConnectionException">Unreachable, timed out, host key mismatch, or key refused.</exception>
    public static async Task<PinnedSshSession> OpenAsync(RouterEndpoint router, TimeSpan connectTimeout, CancellationToken ct)
    {
        var host = RouterAddress.ForSshNet(router.Host);
        PrivateKeyFile key;
        try
        {
            key = new PrivateKeyFile(router.PrivateKeyPath);
        }
        // Any failure, not only I/O: SSH.NET answers an unsupported key type with NotSupportedException.
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new RouterConnectionException($"cannot read the private key {router.PrivateKeyPath}: {e.Message}", e);
        }

        var info = new ConnectionInfo(host, router.Port, router.User, new PrivateKeyAuthenticationMethod(router.User, key))
        {
            Timeout = connectTimeout,
        };
        var client = new SshClient(info);
        string? presented = null;
        // SSH.NET asks before authenticating: refusing here means our key is never offered to an impostor.
        client.HostKeyReceived += (_, e) =>
        {
            presented = e.FingerPrintSHA256;
            e.CanTrust = HostKeyPin.Matches(router.HostKeySha256, presented);
        };

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(connectTimeout);
        try
        {
            await client.ConnectAsync(deadline.Token).ConfigureAwait(false);
            return new PinnedSshSession(router, client, key);
        }
        catch (Exception e)
        {
            client.Dispose();
            key.Dispose();
            if (e is OperationCanceledException && ct.IsCancellationRequested)
                throw;
            if (presented is not null && !HostKeyPin.Matches(router.HostKeySha256, presented))
                throw new RouterConnectionException(
                    $"host key mismatch: expected {HostKeyPin.Normalize(router.HostKeySha256)}, got {presented}", e) { IsIdentityFailure = true };
            if (e is OperationCanceledException or SshOperationTimeoutException)
                throw new RouterConnectionException($"connecting to {router} timed out after {connectTimeout.TotalSeconds:0.#} s", e);
            throw new RouterConnectionException($"cannot connect to {router}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Runs <paramref name="command"/> and waits for it to end. <paramref name="standardInput"/>
    /// is streamed to the command and then closed (EOF); pass null only for commands that do not
    /// read their input, since the remote side sees EOF only when the stream is closed.
    /// </summary>
    /// <exception cref="RouterConnectionException">The command timed out or the connection broke.</exception>
    public Task<SshCommandResult> RunAsync(string command, string? standardInput, TimeSpan timeout, CancellationToken ct) =>
        MappingFailuresAsync(command, timeout, async cmd =>
        {
            var execution = cmd.ExecuteAsync(ct);
            var feeding = standardInput is null ? Task.CompletedTask : FeedAsync(cmd, standardInput, ct);
            await execution.ConfigureAwait(false);
            // A command that fails early (nft stops at a fatal error) may exit before reading all
            // its input; the write then fails on the closed channel, which says nothing new.
            await feeding.WaitAsync(TimeSpan.FromSeconds(5), ct).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            return new SshCommandResult(cmd.ExitStatus, cmd.ExitSignal, cmd.Result, cmd.Error);
        });

    /// <summary>
    /// Runs <paramref name="command"/> and hands its standard output to <paramref name="read"/> as
    /// it arrives, so a large answer is never held as one string (the result's StandardOutput is
    /// empty). When the reader fails, its exception is thrown only if the command succeeded: a
    /// failed command's output is not what the reader expects, and its stderr says why.
    /// </summary>
    public Task<(SshCommandResult Result, T? Value)> RunReadingAsync<T>(string command, Func<Stream, CancellationToken, Task<T>> read,
        TimeSpan timeout, CancellationToken ct) where T : class =>
        MappingFailuresAsync(command, timeout, async cmd =>
        {
            var execution = cmd.ExecuteAsync(ct);
            T? value = null;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo? readFailure = null;
            try
            {
                value = await read(cmd.OutputStream, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                readFailure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            }
            await execution.ConfigureAwait(false);
            var result = new SshCommandResult(cmd.ExitStatus, cmd.ExitSignal, "", cmd.Error);
            if (readFailure is not null && result.Succeeded)
                readFailure.Throw();
            return (result, value);
        });

    private async Task<T> MappingFailuresAsync<T>(string command, TimeSpan timeout, Func<SshCommand, Task<T>> run)
    {
        using var cmd = _client.CreateCommand(command);
        cmd.CommandTimeout = timeout;
        try
        {
            return await run(cmd).ConfigureAwait(false);
        }
        catch (SshOperationTimeoutException e)
        {
            throw new RouterConnectionException($"'{command}' on {Router} timed out after {timeout.TotalSeconds:0.#} s", e);
        }
        catch (Exception e) when (e is SshException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            throw new RouterConnectionException($"'{command}' on {Router} failed: {e.Message}", e);
        }
    }

    private static Task FeedAsync(SshCommand cmd, string text, CancellationToken ct) => Task.Run(async () =>
    {
        // Disposing the input stream sends EOF; `nft -f -` parses only once it has seen EOF. The
        // writer encodes 64 KiB at a time: a 30 MiB rule set is never copied into one byte array.
        await using var input = new StreamWriter(cmd.CreateInputStream(), new System.Text.UTF8Encoding(false), 64 * 1024);
        await input.WriteAsync(text.AsMemory(), ct).ConfigureAwait(false);
    }, ct);

    public void Dispose()
    {
        _client.Dispose();
        _key.Dispose();
    }
}
