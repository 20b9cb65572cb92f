using Op25b.Routers.Ssh;

namespace Op25b.Routers.Nftables;

/// <summary>
/// Pushes an OP25B rule set to a Linux router over SSH and reads it back. A push is one
/// connection and three commands: <c>nft -c -f -</c> (the router's own parser validates the
/// whole file and applies nothing), <c>nft -f -</c> (the file is one kernel transaction: all
/// of it or none), then <c>nft -j list table</c> compared with what the rule set should have
/// left. The script travels on stdin, so no file is left on the router and nothing in it is
/// ever interpreted by a shell.
/// </summary>
public sealed class NftablesSshDriver(SshTimeouts? timeouts = null, TimeProvider? time = null)
{
    private const string ValidateCommand = "nft -c -f -";
    private const string ApplyCommand = "nft -f -";
    private const string ListCommand = "nft -j list table inet " + NftablesState.Table;

    private readonly SshTimeouts _timeouts = timeouts ?? SshTimeouts.Default;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<PushResult> ApplyAsync(RouterEndpoint router, string nftScript, NftablesExpectation expected, CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        PushResult Stop(bool succeeded, string stage, string output) =>
            new(succeeded, stage, PushResult.Cap(output), _time.GetElapsedTime(started));

        PinnedSshSession session;
        try
        {
            session = await PinnedSshSession.OpenAsync(router, _timeouts.Connect, ct).ConfigureAwait(false);
        }
        catch (RouterConnectionException e)
        {
            // Unreachable or timed out may pass; a router that is not the pinned one will not.
            return Stop(false, PushStage.Connect, e.Message) with { Retryable = !e.IsIdentityFailure };
        }

        using (session)
        {
            var stage = PushStage.Validate;
            try
            {
                var check = await session.RunAsync(ValidateCommand, nftScript, _timeouts.Command, ct).ConfigureAwait(false);
                if (!check.Succeeded)
                    return Stop(false, stage, check.CombinedOutput);

                stage = PushStage.Apply;
                var apply = await session.RunAsync(ApplyCommand, nftScript, _timeouts.Command, ct).ConfigureAwait(false);
                if (!apply.Succeeded)
                    return Stop(false, stage, apply.CombinedOutput);

                stage = PushStage.Verify;
                var state = await ReadAsync(session, ct).ConfigureAwait(false);
                var differences = expected.Compare(state);
                if (differences.Count > 0)
                    return Stop(false, stage, string.Join("\n", differences));
                return Stop(true, PushStage.Done, apply.CombinedOutput);
            }
            catch (Exception e) when (e is RouterConnectionException or RouterCommandException or FormatException or System.Text.Json.JsonException)
            {
                return Stop(false, stage, e.Message);
            }
        }
    }

    /// <summary>The router's current OP25B table; <see cref="NftablesState.Absent"/> when it has none.</summary>
    /// <exception cref="RouterConnectionException">The router could not be reached or authenticated.</exception>
    /// <exception cref="RouterCommandException">nft failed for another reason than a missing table.</exception>
    public async Task<NftablesState> ReadAsync(RouterEndpoint router, CancellationToken ct)
    {
        using var session = await PinnedSshSession.OpenAsync(router, _timeouts.Connect, ct).ConfigureAwait(false);
        return await ReadAsync(session, ct).ConfigureAwait(false);
    }

    private async Task<NftablesState> ReadAsync(PinnedSshSession session, CancellationToken ct)
    {
        var list = await session.RunAsync(ListCommand, null, _timeouts.Command, ct).ConfigureAwait(false);
        if (list.Succeeded)
            return NftablesJsonParser.Parse(list.StandardOutput);
        if (NftablesJsonParser.IsNoSuchTable(list.StandardError))
            return NftablesState.Absent;
        throw new RouterCommandException(ListCommand, list);
    }
}
