using Op25b.Routers.Ssh;

namespace Op25b.Routers.Nftables;

/// <summary>
/// Pushes an OP25B rule set to a Linux router over SSH and verifies it. A push is one connection:
/// <c>nft -f -</c> (the file is one kernel transaction: all of it or none, so a file nft refuses
/// changes nothing and a separate <c>nft -c</c> pass would only parse everything twice), then a
/// verification as cheap as the expectation allows (see <see cref="NftablesExpectation"/>): the
/// version marker alone, in the same exec; the router's digest of its own listing; or — with
/// neither — the whole table read back. <see cref="CheckAsync"/> keeps
/// <c>nft -c</c> for dry runs. The script travels on stdin, so no file is left on the router and
/// nothing in it is ever interpreted by a shell. The commands the router account must be allowed
/// to run are the constants below (README, "Router account").
/// </summary>
public sealed class NftablesSshDriver(SshTimeouts? timeouts = null, TimeProvider? time = null)
{
    public const string ValidateCommand = "nft -c -f -";
    public const string ApplyCommand = "nft -f -";
    public const string ListCommand = "nft -j list table inet " + NftablesState.Table;
    /// <summary>Lists the marker set of <paramref name="versionId"/>: empty, it costs the router no element fetch; nft fails when the router is at another version.</summary>
    public static string MarkerCommand(long versionId) =>
        $"nft -j list set inet {NftablesState.Table} {NftablesState.MarkerSet(versionId)}";
    /// <summary>
    /// Apply and marker check in one exec: a second exec would cost a channel, a session process
    /// and a shell on the router (~0.2 s on a loaded one). The echo tells "nft -f refused the file"
    /// from "the file applied, then the check failed".
    /// </summary>
    public static string ApplyAndMarkerCommand(long versionId) => ApplyCommand + " && echo " + AppliedLine + " && " + MarkerCommand(versionId);
    private const string AppliedLine = "op25b-applied";
    /// <summary>The router hashes its own listing: 64 hex digits travel instead of the table. The one command that needs a shell (a pipe).</summary>
    public const string DigestCommand = "nft list table inet " + NftablesState.Table + " | sha256sum";

    private readonly SshTimeouts _timeouts = timeouts ?? SshTimeouts.Default;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public Task<PushResult> ApplyAsync(RouterEndpoint router, string nftScript, NftablesExpectation expected, CancellationToken ct) =>
        ApplyAsync(router, nftScript, expected, VerifyAsync, ct);

    /// <summary>
    /// Applies an increment (see <c>NftablesIncrement</c>) and verifies it by the version marker
    /// alone: the transaction moved the marker with the elements or failed whole, so a one-element
    /// change on a 200k-element set neither ships nor lists the 200k elements. Without a marker in
    /// <paramref name="expected"/>, the sets it names are read back.
    /// </summary>
    public Task<PushResult> ApplyIncrementAsync(RouterEndpoint router, string increment, NftablesExpectation expected, CancellationToken ct) =>
        expected.Marker is null
            ? ApplyAsync(router, increment, expected with { SetsOnly = true },
                (session, expectation, token) => CompareAsync(expectation, ReadSetsAsync(session, expectation.Sets.Keys, token)), ct)
            : ApplyAsync(router, increment, expected with { Digest = null }, VerifyAsync, ct);

    private async Task<PushResult> ApplyAsync(RouterEndpoint router, string nftScript, NftablesExpectation expected,
        Func<PinnedSshSession, NftablesExpectation, CancellationToken, Task<IReadOnlyList<string>>> verify, CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        var stages = new List<(string, TimeSpan)>();
        var lap = started;
        void Lap(string stage)
        {
            var now = _time.GetTimestamp();
            stages.Add((stage, _time.GetElapsedTime(lap, now)));
            lap = now;
        }
        PushResult Stop(bool succeeded, string stage, string output) =>
            new(succeeded, stage, PushResult.Cap(output), _time.GetElapsedTime(started)) { Stages = stages };

        PinnedSshSession session;
        try
        {
            session = await PinnedSshSession.OpenAsync(router, _timeouts.Connect, ct).ConfigureAwait(false);
            Lap(PushStage.Connect);
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
                if (expected is { Marker: { } version, Digest: null } && verify == VerifyAsync)
                {
                    var run = await session.RunAsync(ApplyAndMarkerCommand(version), nftScript, _timeouts.Command, ct).ConfigureAwait(false);
                    Lap(PushStage.Apply + "+" + PushStage.Verify);
                    if (!run.StandardOutput.StartsWith(AppliedLine + "\n", StringComparison.Ordinal))
                        return Stop(false, stage, run.CombinedOutput);
                    stage = PushStage.Verify;
                    if (!run.Succeeded)
                        return Stop(false, stage, run.CombinedOutput);
                    var marker = NftablesJsonParser.Parse(run.StandardOutput[(AppliedLine.Length + 1)..], setsOnly: true);
                    var mismatch = MarkerOnly(expected).Compare(marker);
                    return mismatch.Count > 0 ? Stop(false, stage, string.Join("\n", mismatch)) : Stop(true, PushStage.Done, run.StandardError);
                }

                var apply = await session.RunAsync(ApplyCommand, nftScript, _timeouts.Command, ct).ConfigureAwait(false);
                Lap(PushStage.Apply);
                if (!apply.Succeeded)
                    return Stop(false, stage, apply.CombinedOutput);

                stage = PushStage.Verify;
                var differences = await verify(session, expected, ct).ConfigureAwait(false);
                Lap(PushStage.Verify);
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

    /// <summary>
    /// The cheapest check the expectation allows. Listing a table costs the router more than
    /// applying it (nft 1.0.6 on kernel 6.x lists a 200k-element interval set in about 2.5× the time
    /// it takes to load it), so a push with a version marker checks only the marker: the
    /// transaction that set it is all or nothing. A digest, when asked for, costs that listing but
    /// still ships 64 bytes; with neither, the whole table is read back and compared.
    /// </summary>
    private async Task<IReadOnlyList<string>> VerifyAsync(PinnedSshSession session, NftablesExpectation expected, CancellationToken ct)
    {
        if (expected.Digest is { } digest)
        {
            var actual = await DigestAsync(session, ct).ConfigureAwait(false);
            return actual == digest ? [] : [$"the router's listing digest {actual} is not the expected {digest}"];
        }
        if (expected.Marker is { } version)
            return await CompareAsync(MarkerOnly(expected), ReadSetsAsync(session, [NftablesState.MarkerSet(version)], ct)).ConfigureAwait(false);
        return await CompareAsync(expected, ReadAsync(session, ct)).ConfigureAwait(false);
    }

    private static NftablesExpectation MarkerOnly(NftablesExpectation expected) =>
        expected with { Sets = new Dictionary<string, IReadOnlyList<System.Net.IPNetwork>>(), SetsOnly = true };

    private static async Task<IReadOnlyList<string>> CompareAsync(NftablesExpectation expected, Task<NftablesState> read) =>
        expected.Compare(await read.ConfigureAwait(false));

    /// <summary>SHA-256 (hex) of the router's <c>nft list table inet op25b</c>, computed on the router; compare with <c>NftablesListing.Digest</c>.</summary>
    /// <exception cref="RouterConnectionException">The router could not be reached or authenticated.</exception>
    public async Task<string> DigestAsync(RouterEndpoint router, CancellationToken ct)
    {
        using var session = await PinnedSshSession.OpenAsync(router, _timeouts.Connect, ct).ConfigureAwait(false);
        return await DigestAsync(session, ct).ConfigureAwait(false);
    }

    private async Task<string> DigestAsync(PinnedSshSession session, CancellationToken ct)
    {
        // A missing table hashes nft's empty output: a digest that matches no rule set.
        var result = await session.RunAsync(DigestCommand, null, _timeouts.Command, ct).ConfigureAwait(false);
        var digest = result.StandardOutput.Split(' ', 2)[0].Trim();
        if (!result.Succeeded || digest.Length != 64)
            throw new RouterCommandException(DigestCommand, result);
        return digest;
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
        // Streamed: the JSON of a 1M-element table is parsed as it arrives, never held as one string.
        var (list, state) = await session.RunReadingAsync(ListCommand,
            (output, token) => NftablesJsonParser.ParseAsync(output, token), _timeouts.Command, ct).ConfigureAwait(false);
        if (list.Succeeded && state is not null)
            return state;
        if (NftablesJsonParser.IsNoSuchTable(list.StandardError))
            return NftablesState.Absent;
        throw new RouterCommandException(ListCommand, list);
    }
}
