using Microsoft.EntityFrameworkCore;
using Op25b.Core.Deployments;
using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;
using Op25b.Persistence;
using Op25b.Persistence.Audit;
using Op25b.Routers.Nftables;
using Op25b.Routers.Ssh;

namespace Op25b.Api.Rollout;

/// <summary>
/// Carries out one queued push under a lease: apply atomically, read back, compare. Every path
/// ends the deployment with its reason — including exceptions nobody foresaw — and an outcome
/// the connection left unknown is settled by reading the router, never assumed. What to deploy
/// next is not decided here: the reconciler looks again when this ends.
/// </summary>
public sealed class DeploymentRunner(
    AdminDbContext db, AuditTrail audit, TimeProvider clock, RouterCredentials credentials, NftablesSshDriver driver,
    IConfiguration configuration, IServiceScopeFactory scopes, DeploymentHost host, ILogger<DeploymentRunner> log)
{
    private readonly RolloutTimings _timings = RolloutTimings.From(configuration);

    /// <summary>Runs the deployment if it is still queued; false when it was not (already ran, superseded, cancelled, another host took it).</summary>
    public async Task<bool> RunAsync(long deploymentId, CancellationToken ct)
    {
        await using var lease = await DeploymentLease.ClaimAsync(db, scopes, deploymentId, host.Id, clock, _timings, ct);
        if (lease is null)
            return false;
        var deployment = await db.Deployments.Include(d => d.Router).Include(d => d.RuleSetVersion).SingleAsync(d => d.Id == deploymentId, ct);
        using var push = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
        PushOutcome outcome;
        try
        {
            outcome = await PushAsync(deployment, push.Token);
        }
        catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested)
        {
            return true; // cancelled or abandoned meanwhile: whoever did it recorded the outcome
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            outcome = PushOutcome.Unknown(DeploymentState.Abandoned, "the host stopped during the push", null);
        }
        catch (Exception e)
        {
            // A credential store, a renderer or a bug: the deployment still ends, with the reason.
            log.LogError(e, "Deployment {Deployment} failed unexpectedly", deploymentId);
            outcome = PushOutcome.Failed($"error: {e.Message}", retry: null);
        }
        await FinishAsync(deployment, outcome);
        return true;
    }

    private async Task<PushOutcome> PushAsync(Deployment deployment, CancellationToken ct)
    {
        var router = deployment.Router!;
        var version = deployment.RuleSetVersion!;
        var content = RuleSetCanonical.Parse(version.Content);
        var expected = NftablesExpectations.For(content) with { Marker = version.Id };
        // Off by default: the router's listing costs it more than the apply (see NftablesSshDriver.VerifyAsync).
        var fullReplaceExpected = configuration.GetValue("Deploy:VerifyByDigest", false)
            ? expected with { Digest = NftablesListing.Digest(content, version.Id) }
            : expected;
        var endpoint = new RouterEndpoint(router.ManagementHost, router.ManagementPort, router.SshUser,
            credentials.ResolveKeyPath(router.CredentialRef), router.HostKeySha256);
        var retry = clock.GetUtcNow() + _timings.RetryAfterFailure;

        var previous = await PreviousAsync(router, ct);
        var note = "";
        if (!router.StateUnknown && previous is { } from && from.Id != version.Id
            && NftablesIncrement.Render(RuleSetDiff.Between(from.Content, content), from.Id, version.Id) is { } increment)
        {
            var changed = ChangedSets(expected, from.Expectation);
            var attempt = await driver.ApplyIncrementAsync(endpoint, increment, expected with { Sets = changed }, ct);
            if (attempt.Succeeded)
                return PushOutcome.Verified($"{attempt.Stage} after {attempt.Elapsed.TotalMilliseconds:F0} ms ({attempt.Profile}): increment of {increment.Length:N0} bytes from version id {from.Id} to sets {string.Join(", ", changed.Keys)}, verified by the version marker");
            // nft refused the increment as a whole (the router is not at the version we recorded):
            // replace everything. Anything else — unreachable, unknown outcome — is handled as for a full push.
            if (attempt.Stage != PushStage.Apply || attempt.OutcomeUnknown)
                return await OutcomeOfAsync(attempt, endpoint, expected, previous, retry, ct);
            note = $"increment refused ({attempt.Output.Split('\n')[0]}); full replace: ";
        }

        var script = RuleSetRenderers.For(Platform.Nftables).Render(content) + NftablesIncrement.Marker(version.Id);
        var result = await PushWithRetriesAsync(deployment, endpoint, script, fullReplaceExpected, ct);
        return await OutcomeOfAsync(result with { Output = $"{note}{result.Output} ({result.Profile})" }, endpoint, expected, previous, retry, ct);
    }

    private async Task<PushOutcome> OutcomeOfAsync(PushResult result, RouterEndpoint endpoint,
        NftablesExpectation expected, LiveVersion? previous, DateTimeOffset retry, CancellationToken ct)
    {
        var summary = $"{result.Stage} after {result.Elapsed.TotalMilliseconds:F0} ms: {result.Output}".Trim();
        if (result.Succeeded)
            return PushOutcome.Verified(summary);
        if (result.OutcomeUnknown)
            return await SettleAsync(endpoint, expected, previous, summary, retry, ct);
        if (result.Stage == PushStage.Verify)
            return PushOutcome.Unknown(DeploymentState.Failed, summary + "\n(the router runs neither this version nor the previous one as read back)", retry);
        return PushOutcome.Failed(summary, result.Retryable ? retry : null);
    }

    private sealed record LiveVersion(long Id, RuleSetContent Content, NftablesExpectation Expectation);

    private async Task<LiveVersion?> PreviousAsync(Core.Network.Router router, CancellationToken ct)
    {
        if (router.LiveRuleSetVersionId is not { } liveId)
            return null;
        var content = RuleSetCanonical.Parse((await db.RuleSetVersions.AsNoTracking().SingleAsync(v => v.Id == liveId, ct)).Content);
        return new LiveVersion(liveId, content, NftablesExpectations.For(content) with { Marker = liveId });
    }

    /// <summary>The sets whose addresses differ between the two versions: the only ones an increment touches and its read-back fetches.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<System.Net.IPNetwork>> ChangedSets(NftablesExpectation to, NftablesExpectation from) =>
        to.Sets.Where(s => !from.Sets.TryGetValue(s.Key, out var before) || !before.SequenceEqual(s.Value))
            .ToDictionary(s => s.Key, s => s.Value);

    /// <summary>
    /// The connection broke after the rule set was sent: the router may or may not run it. Read it:
    /// an apply is all or nothing, and the version marker moves with it.
    /// </summary>
    private async Task<PushOutcome> SettleAsync(RouterEndpoint endpoint, NftablesExpectation expected, LiveVersion? previous,
        string summary, DateTimeOffset retry, CancellationToken ct)
    {
        NftablesState state;
        try
        {
            state = await driver.ReadAsync(endpoint, ct);
        }
        catch (Exception e) when (e is RouterConnectionException or RouterCommandException or FormatException or System.Text.Json.JsonException)
        {
            return PushOutcome.Unknown(DeploymentState.Failed, $"{summary}\noutcome unknown: reading the router failed: {e.Message}", retry);
        }
        // The version marker moves in the same transaction as the rules: it tells the two apart even when their sets are equal.
        if (expected.Compare(state).Count == 0)
            return PushOutcome.Verified($"{summary}\nsettled by read-back: the router runs this version");
        if (previous is not null && previous.Expectation.Compare(state).Count == 0)
            return PushOutcome.Failed($"{summary}\nsettled by read-back: the router still runs the previous version", retry);
        return PushOutcome.Unknown(DeploymentState.Failed, $"{summary}\noutcome unknown: the router runs neither this version nor the previous one", retry);
    }

    private async Task<PushResult> PushWithRetriesAsync(Deployment deployment, RouterEndpoint endpoint, string script,
        NftablesExpectation expected, CancellationToken ct)
    {
        var attempts = configuration.GetValue("Deploy:ConnectAttempts", 3);
        var timeout = TimeSpan.FromSeconds(configuration.GetValue("Deploy:TimeoutSeconds", 120));
        for (var attempt = 1; ; attempt++)
        {
            deployment.Attempts = attempt;
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            PushResult result;
            try
            {
                result = await driver.ApplyAsync(endpoint, script, expected, limit.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // The script may have reached nft: what the router runs is not known.
                result = new PushResult(false, "timeout", $"no answer within {timeout.TotalSeconds:F0} s", timeout) { OutcomeUnknown = true };
            }
            // Only an unreachable router is worth asking again; a refused rule set would be refused
            // again, and a host key mismatch is a security alarm, not a transient fault.
            if (result.Succeeded || !result.Retryable || attempt >= attempts)
                return result;
            log.LogWarning("Deployment {Deployment}: connect attempt {Attempt} failed: {Output}", deployment.Id, attempt, result.Output);
            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), clock, ct);
        }
    }

    private async Task FinishAsync(Deployment deployment, PushOutcome outcome)
    {
        var router = deployment.Router!;
        var now = clock.GetUtcNow();
        deployment.State = outcome.State;
        deployment.FinishedAt = now;
        deployment.LeaseUntil = null;
        deployment.RetryAfter = outcome.RetryAfter;
        deployment.Output = outcome.Output.Length > 16_000 ? outcome.Output[..16_000] : outcome.Output;
        if (outcome.State == DeploymentState.Succeeded)
            RouterRecord.Verified(router, deployment.RuleSetVersionId, deployment.Hash, now);
        else if (outcome.RouterStateUnknown)
            router.StateUnknown = true;
        audit.Record(AuditActor.System, new AuditRecord($"deployment.{KebabState(outcome.State)}",
            "deployment", deployment.Id.ToString(), null,
            new { deployment.Id, router = router.Name, deployment.Hash, state = deployment.State, deployment.Attempts, deployment.Output }));
        try
        {
            // Never the push's token: a host told to stop still records how far it got.
            await audit.SaveAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Cancelled or abandoned while the push ended: that outcome stands, and the router was marked unknown with it.
            audit.DiscardPending();
        }
    }

    private static string KebabState(DeploymentState s) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(s.ToString());
}

/// <summary>How a push ended, and what it says about the router.</summary>
public sealed record PushOutcome(DeploymentState State, string Output, bool RouterStateUnknown, DateTimeOffset? RetryAfter)
{
    public static PushOutcome Verified(string output) => new(DeploymentState.Succeeded, output, false, null);
    public static PushOutcome Failed(string output, DateTimeOffset? retry) => new(DeploymentState.Failed, output, false, retry);
    public static PushOutcome Unknown(DeploymentState state, string output, DateTimeOffset? retry) => new(state, output, true, retry);
}
