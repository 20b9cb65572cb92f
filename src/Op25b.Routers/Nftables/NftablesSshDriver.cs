using Op25b.Routers.Ssh;

namespace Op25b.Routers.Nftables;

/// <summary>
/// Pushes an OP25B rule set to a Linux router over SSH and reads it back. A push is one
/// connection and two commands: <c>nft -f -</c> (the file is one kernel transaction: all of it
/// or none, so a file nft refuses changes nothing and a separate <c>nft -c</c> pass would only
/// parse everything twice), then <c>nft -j list table</c> compared with what the rule set should
/// have left. <see cref="CheckAsync"/> keeps <c>nft -c</c> for dry runs. The script travels on stdin, so no file is left on the router and nothing in it is
/// ever interpreted by a shell.
/// </summary>
public sealed class NftablesSshDriver(SshTimeouts? timeouts = null, TimeProvider? time = null)
{
    private const string ValidateCommand = "nft -c -f -";
    private const string ApplyCommand = "nft -f -";
    private const string ListCommand = "nft -j list table inet " + NftablesState.Table;

    private readonly SshTimeouts _timeouts = timeouts ?? SshTimeouts.Default;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public Task<PushResult> ApplyAsync(RouterEndpoint router, string nftScript, NftablesExpectation expected, CancellationToken ct) =>
        ApplyAsync(router, nftScript, expected, ReadAsync, ct);

    /// <summary>
    /// Applies an increment (see <c>NftablesIncrement</c>) and verifies by reading back only the
    /// sets <paramref name="expected"/> names and the version marker: a one-element change on a
    /// 200k-element set neither ships nor parses the 200k elements.
    /// </summary>
    public Task<PushResult> ApplyIncrementAsync(RouterEndpoint router, string increment, NftablesExpectation expected, CancellationToken ct) =>
        ApplyAsync(router, increment, expected with { SetsOnly = true },
            (session, token) => ReadSetsAsync(session, [.. expected.Sets.Keys, NftablesState.MarkerSet], token), ct);

    private async Task<PushResult> ApplyAsync(RouterEndpoint router, string nftScript, NftablesExpectation expected,
        Func<PinnedSshSession, CancellationToken, Task<NftablesState>> readBack, CancellationToken ct)
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
            var stage = PushStage.Apply;
            try
            {
                var apply = await session.RunAsync(ApplyCommand, nftScript, _timeouts.Command, ct).ConfigureAwait(false);
                if (!apply.Succeeded)
                    return Stop(false, stage, apply.CombinedOutput);

                stage = PushStage.Verify;
                var state = await readBack(session, ct).ConfigureAwait(false);
                var differences = expected.Compare(state);
                if (differences.Count > 0)
                    return Stop(false, stage, string.Join("\n", differences));
                return Stop(true, PushStage.Done, apply.CombinedOutput);
            }
            catch (Exception e) when (e is RouterConnectionException or RouterCommandException or FormatException or System.Text.Json.JsonException)
            {
                // Once the script is on its way, a broken connection says nothing about whether nft applied it.
                return Stop(false, stage, e.Message) with { OutcomeUnknown = e is RouterConnectionException };
            }
        }
    }

    /// <summary>Lets the router's own parser check <paramref name="nftScript"/> without applying anything (a dry run).</summary>
    /// <exception cref="RouterConnectionException">The router could not be reached or authenticated.</exception>
    public async Task<SshCommandResult> CheckAsync(RouterEndpoint router, string nftScript, CancellationToken ct)
    {
        using var session = await PinnedSshSession.OpenAsync(router, _timeouts.Connect, ct).ConfigureAwait(false);
        return await session.RunAsync(ValidateCommand, nftScript, _timeouts.Command, ct).ConfigureAwait(false);
    }

    /// <summary>The router's current OP25B table; <see cref="NftablesState.Absent"/> when it has none.</summary>
    /// <exception cref="RouterConnectionException">The router could not be reached or authenticated.</exception>
    /// <exception cref="RouterCommandException">nft failed for another reason than a missing table.</exception>
    public async Task<NftablesState> ReadAsync(RouterEndpoint router, CancellationToken ct)
    {
        using var session = await PinnedSshSession.OpenAsync(router, _timeouts.Connect, ct).ConfigureAwait(false);
        return await ReadAsync(session, ct).ConfigureAwait(false);
    }

    private async Task<NftablesState> ReadSetsAsync(PinnedSshSession session, IEnumerable<string> names, CancellationToken ct)
    {
        var sets = new Dictionary<string, IReadOnlyList<System.Net.IPNetwork>>(StringComparer.Ordinal);
        var markers = new List<long>();
        foreach (var name in names)
        {
            // Names come from our own renderer (role_v4/v6, the marker): never user text on a command line.
            var command = $"nft -j list set inet {NftablesState.Table} {name}";
            var list = await session.RunAsync(command, null, _timeouts.Command, ct).ConfigureAwait(false);
            if (!list.Succeeded)
                throw new RouterCommandException(command, list);
            var state = NftablesJsonParser.Parse(list.StandardOutput, setsOnly: true);
            foreach (var (set, elements) in state.Sets)
                sets[set] = elements;
            markers.AddRange(state.Markers);
        }
        return new NftablesState(true, new HashSet<string>(), sets) { Markers = markers };
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
