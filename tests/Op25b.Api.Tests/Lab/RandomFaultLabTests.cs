using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Core.Deployments;
using Op25b.Lab;
using Op25b.Persistence;
using Xunit.Abstractions;

namespace Op25b.Api.Tests.Lab;

/// <summary>
/// The seeded random sequence of approvals, revocations and expiries, against the real host binary
/// on PostgreSQL, with faults at seeded points: the host killed with SIGKILL (before an apply,
/// between apply and read-back, inside a compile, at a random moment of a push or between pushes) and started again
/// after a few more changes, and the router's sshd stopped for a while. After each recovery the
/// router converges with at most one reconcile interval in which no push runs; at the end nothing
/// is left open, the router runs the policy compiled from the database (IPv4 and IPv6), and each
/// deployment's recorded outcome agrees with what the router ran (its marker log).
/// The seed is printed; <c>OP25B_FAULT_SEED</c> repeats a run's changes and faults.
/// </summary>
[Collection(HostKillLabCollection.Name)]
public sealed class RandomFaultLabTests(LabNetwork lab, ITestOutputHelper output)
{
    private const string Router = "fault-bng", Group = "lab-faults";
    private const int Steps = 60;

    /// <summary>
    /// The host's reconcile interval: longer than the lab's usual second, so that a recovery that
    /// misses a pass (two intervals) stands out from what a busy machine adds to one (<see cref="Scheduling"/>).
    /// </summary>
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    /// <summary>What a freshly started host on a busy two-core machine adds to a reconcile pass: first queries compiled, a job picked up.</summary>
    private static readonly TimeSpan Scheduling = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_seeded_random_sequence_with_host_kills_and_a_stopped_sshd_converges_and_every_outcome_agrees_with_the_router()
    {
        if (!lab.IsAvailable(output))
            return;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("OP25B_FAULT_SEED"), out var given) ? given : Random.Shared.Next();
        output.WriteLine($"seed {seed} (OP25B_FAULT_SEED={seed} repeats this run's changes and faults)");
        try
        {
            await RunAsync(new Random(seed));
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"seed {seed} (OP25B_FAULT_SEED={seed} repeats it): {e.Message}", e);
        }
    }

    private async Task RunAsync(Random random)
    {
        var plan = FaultPlan.Draw(random, Steps);
        output.WriteLine($"faults: {plan}");
        await using var api = new ApiOnlyPostgresFactory();
        await api.IssueKeyAsync("migrate", Roles.Auditor); // the database is migrated before any host process starts on it
        var push = new PushInFlight(api, lab, Router, Group);
        var run = new FaultRun(api, lab, output, Directory.CreateTempSubdirectory("op25b-faults-").FullName,
            new Dictionary<string, string> { ["Rollout:ReconcileIntervalSeconds"] = Interval.TotalSeconds.ToString(CultureInfo.InvariantCulture) });
        using var router = await RouterMarkerLog.StartAsync(lab);
        try
        {
            await run.StartHostAsync();
            await push.RegisterAsync(TimeSpan.FromSeconds(90));
            var changes = await PolicyChanges.CreateAsync(api, random);
            var clock = Stopwatch.StartNew();
            HostKill? down = null;
            var sshdBack = (DateTimeOffset?)null;
            for (var step = 0; step < Steps; step++)
            {
                var fault = plan.At(step);
                if (sshdBack is { } back && (fault is not null || DateTimeOffset.UtcNow >= back))
                {
                    sshdBack = null;
                    await ConvergedAfterRecoveryAsync(api, push, "sshd back", await run.ResumeSshdAsync(back));
                }
                if (down is not null && step - down.Step > down.StepsDown)
                {
                    down = null;
                    await ConvergedAfterRecoveryAsync(api, push, "host restarted", await run.RestartHostAsync());
                }
                switch (fault)
                {
                    case HostKill kill:
                        await run.KillAsync(kill, router, () => changes.StepAsync(step, approve: kill.Point != KillPoint.Idle));
                        down = kill;
                        break;
                    case SshdStop stop:
                        sshdBack = await run.StopSshdAsync(stop);
                        output.WriteLine($"step {step}: {await changes.StepAsync(step)}");
                        break;
                    default:
                        output.WriteLine($"step {step}: {await changes.StepAsync(step)}");
                        break;
                }
                await Task.Delay(changes.Pause());
            }
            if (sshdBack is { } last)
                await ConvergedAfterRecoveryAsync(api, push, "sshd back", await run.ResumeSshdAsync(last));
            if (down is not null)
                await ConvergedAfterRecoveryAsync(api, push, "host restarted", await run.RestartHostAsync());
            output.WriteLine($"{Steps} steps in {clock.Elapsed.TotalSeconds:F1} s; {changes.InForce.Count} exemptions in force");

            await push.ConvergedAsync(TimeSpan.FromSeconds(60));
            var deployments = await DeploymentsAsync(api);
            output.WriteLine($"deployments: {string.Join(", ", deployments.GroupBy(d => d.State).Select(g => $"{g.Key} {g.Count()}"))}");
            foreach (var d in deployments)
                output.WriteLine($"{d}: {d.Output?.Replace('\n', ' ')}");
            foreach (var change in router.Changes)
                output.WriteLine($"router: version id {change.Marker} from {change.SeenAt:HH:mm:ss.fff}");
            var disagreements = RecordedOutcomes.Disagreements(deployments, router.Changes);
            Assert.True(disagreements.Count == 0, "recorded outcomes disagree with the router:\n" + string.Join("\n", disagreements));
            var newest = await api.WithScopeAsync(sp => sp.GetRequiredService<AdminDbContext>().RuleSetVersions
                .Where(v => v.RouterGroup == Group).MaxAsync(v => v.Id));
            Assert.Equal(newest, router.MarkerAt(DateTimeOffset.UtcNow));
        }
        finally
        {
            await run.DisposeAsync();
        }
    }

    /// <summary>
    /// Waits for the router to converge after a recovery and checks that the system never sat idle
    /// longer than one reconcile interval (plus scheduling) meanwhile: the time in which no push
    /// ran between <paramref name="recoveredAt"/> and the push that converged it.
    /// </summary>
    private async Task ConvergedAfterRecoveryAsync(AdminApiFactory api, PushInFlight push, string what, DateTimeOffset recoveredAt)
    {
        await push.ConvergedAsync(TimeSpan.FromSeconds(60));
        var deployments = await DeploymentsAsync(api);
        var convergedAt = deployments.Where(d => d.State == DeploymentState.Succeeded).Max(d => d.FinishedAt!.Value);
        var window = convergedAt > recoveredAt ? convergedAt - recoveredAt : TimeSpan.Zero;
        // An abandoned push ran nothing after its host died: its row only waited for the lease to run out.
        var pushing = deployments.Where(d => d.StartedAt is not null && d.State != DeploymentState.Abandoned)
            .Select(d => (From: Later(d.StartedAt!.Value, recoveredAt), To: Earlier(d.FinishedAt!.Value, convergedAt)))
            .Where(p => p.To > p.From).OrderBy(p => p.From).ToList();
        var busy = TimeSpan.Zero;
        var covered = recoveredAt;
        foreach (var (from, to) in pushing)
        {
            if (to > covered)
                busy += to - Later(from, covered);
            covered = Later(covered, to);
        }
        var idle = window - busy;
        output.WriteLine($"{what}: converged {window.TotalSeconds:F2} s after recovery, {idle.TotalSeconds:F2} s of it with no push running");
        Timeline(await VersionsSinceAsync(api, recoveredAt - TimeSpan.FromSeconds(20)), deployments, recoveredAt);
        Assert.True(idle <= Interval + Scheduling,
            $"{what}: {idle.TotalSeconds:F2} s passed with no push running before the router converged (reconcile interval {Interval.TotalSeconds} s)");
    }

    /// <summary>What happened around a recovery, in seconds from it: the versions compiled and the deployments that ran.</summary>
    private void Timeline(List<(long Id, DateTimeOffset CreatedAt, string Trigger)> versions, List<RecordedDeployment> deployments, DateTimeOffset recoveredAt)
    {
        string S(DateTimeOffset? t) => t is { } v ? $"{(v - recoveredAt).TotalSeconds:+0.00;-0.00}" : "-";
        foreach (var v in versions)
            output.WriteLine($"  version id {v.Id} compiled {S(v.CreatedAt)} ({v.Trigger})");
        foreach (var d in deployments.Where(d => (d.FinishedAt ?? DateTimeOffset.MaxValue) > recoveredAt - TimeSpan.FromSeconds(20)))
            output.WriteLine($"  deployment {d.Id} of version id {d.VersionId}: queued {S(d.QueuedAt)} started {S(d.StartedAt)} ended {S(d.FinishedAt)} {d.State} ({d.Trigger})");
    }

    private static Task<List<(long, DateTimeOffset, string)>> VersionsSinceAsync(AdminApiFactory api, DateTimeOffset since) => api.WithScopeAsync(async sp =>
        (await sp.GetRequiredService<AdminDbContext>().RuleSetVersions.AsNoTracking().Where(v => v.RouterGroup == Group && v.CreatedAt > since)
            .OrderBy(v => v.Id).Select(v => new { v.Id, v.CreatedAt, v.Trigger }).ToListAsync()).Select(v => (v.Id, v.CreatedAt, v.Trigger)).ToList());

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static Task<List<RecordedDeployment>> DeploymentsAsync(AdminApiFactory api) => api.WithScopeAsync(sp =>
        sp.GetRequiredService<AdminDbContext>().Deployments.AsNoTracking().Where(d => d.Router!.Name == Router).OrderBy(d => d.Id)
            .Select(d => new RecordedDeployment(d.Id, d.RuleSetVersionId, d.State, d.StartedAt, d.FinishedAt, d.Output, d.QueuedAt, d.Trigger)).ToListAsync());
}
