using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Deployments;
using Op25b.Lab;
using Op25b.Persistence;
using Xunit.Abstractions;

namespace Op25b.Api.Tests.Lab;

/// <summary>
/// The faults of <see cref="RandomFaultLabTests"/> as they are done to the real things: the host
/// process (started, killed with SIGKILL, started again on the same database and folder) and the
/// lab router's sshd. Each recovery returns the moment from which the system is whole again.
/// </summary>
internal sealed class FaultRun(ApiOnlyPostgresFactory api, LabNetwork lab, ITestOutputHelper output, string workdir, IReadOnlyDictionary<string, string> settings)
    : IAsyncDisposable
{
    private ExternalHost? _host;
    private int _starts;
    private DateTimeOffset? _deadLeaseUntil;

    public async Task StartHostAsync()
    {
        _host = ExternalHost.Start(api.Database.ConnectionString, workdir, output, HostProcess.FreeTcpPort(), $"host {++_starts}", settings);
        await _host.ReadyAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>Makes <paramref name="change"/> and kills the host at the planned point of the push it causes.</summary>
    public async Task KillAsync(HostKill kill, RouterMarkerLog router, Func<Task<string>> change)
    {
        var hold = kill.Point switch
        {
            // Shorter than a restart: the held nft, which outlives the killed host's connection, has run before the next host pushes.
            KillPoint.BeforeApply => (Command: "apply", For: TimeSpan.FromSeconds(1.5)),
            KillPoint.AfterApply => (Command: "read", For: TimeSpan.FromSeconds(10)),
            _ => ((string Command, TimeSpan For)?)null,
        };
        if (hold is { } h)
            lab.HoldRouterCommands(h.Command, h.For);
        var versionBefore = await NewestVersionIdAsync();
        output.WriteLine($"step {kill.Step}: {await change()}");
        if (kill.Point == KillPoint.DuringCompile)
            await CompiledAsync(versionBefore, TimeSpan.FromSeconds(10));
        else if (kill.Point != KillPoint.Idle)
        {
            if (await RunningAsync(TimeSpan.FromSeconds(10)) is { } running && kill.Point == KillPoint.AfterApply)
                await AppliedAsync(running, router, TimeSpan.FromSeconds(10));
            await Task.Delay(kill.Delay);
        }
        var pid = _host!.ProcessId;
        _host.Kill();
        if (hold is { } released)
            lab.HoldRouterCommands(released.Command, TimeSpan.Zero);
        // The dead host renews nothing any more: what it ran stays running until its lease runs out.
        var hit = await api.WithScopeAsync(sp => sp.GetRequiredService<AdminDbContext>().Deployments.AsNoTracking()
            .Where(d => d.State == DeploymentState.Running && d.Owner!.Contains($"/{pid}/")).ToListAsync());
        _deadLeaseUntil = hit.Max(d => d.LeaseUntil);
        output.WriteLine($"step {kill.Step}: kill -9 ({kill.Point}) of host process {pid} while "
            + (hit.Count == 0 ? "no push of its ran" : $"it ran deployment {string.Join(", ", hit.Select(d => d.Id))}"));
    }

    /// <summary>Starts the host again; recovery counts from when it is ready and its predecessor's lease has run out.</summary>
    public async Task<DateTimeOffset> RestartHostAsync()
    {
        _host!.Dispose();
        await StartHostAsync();
        var now = DateTimeOffset.UtcNow;
        return _deadLeaseUntil is { } lease && lease > now ? lease : now;
    }

    /// <summary>Freezes sshd's listener and cuts its sessions (a push in flight loses its connection); returns when it is to answer again.</summary>
    public async Task<DateTimeOffset> StopSshdAsync(SshdStop stop)
    {
        await lab.PauseSshdAsync(paused: true);
        await lab.CutSshSessionsAsync();
        output.WriteLine($"step {stop.Step}: sshd stopped for {stop.For.TotalSeconds:F1} s");
        return DateTimeOffset.UtcNow + stop.For;
    }

    public async Task<DateTimeOffset> ResumeSshdAsync(DateTimeOffset at)
    {
        if (at > DateTimeOffset.UtcNow)
            await Task.Delay(at - DateTimeOffset.UtcNow);
        await lab.PauseSshdAsync(paused: false);
        return DateTimeOffset.UtcNow;
    }

    private async Task<Core.Deployments.Deployment?> RunningAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await api.WithScopeAsync(sp => sp.GetRequiredService<AdminDbContext>().Deployments.AsNoTracking()
                    .FirstOrDefaultAsync(d => d.State == DeploymentState.Running)) is { } running)
                return running;
            await Task.Delay(20);
        }
        output.WriteLine($"no push started within {timeout}");
        return null;
    }

    private async Task<long> NewestVersionIdAsync() =>
        await api.WithScopeAsync(sp => sp.GetRequiredService<AdminDbContext>().RuleSetVersions.MaxAsync(v => (long?)v.Id)) ?? 0;

    /// <summary>Until a compile has stored a version newer than <paramref name="before"/>: it commits that, then reconciles, still holding its turn.</summary>
    private async Task CompiledAsync(long before, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (await NewestVersionIdAsync() <= before && clock.Elapsed < timeout)
            await Task.Delay(5);
    }

    /// <summary>Until the router runs the push's version (by its marker) or the push ended anyway.</summary>
    private async Task AppliedAsync(Core.Deployments.Deployment running, RouterMarkerLog router, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (router.MarkerAt(DateTimeOffset.UtcNow) != running.RuleSetVersionId && clock.Elapsed < timeout)
        {
            if (!await api.WithScopeAsync(sp => sp.GetRequiredService<AdminDbContext>().Deployments
                    .AnyAsync(d => d.Id == running.Id && d.State == DeploymentState.Running)))
                return;
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _host?.Dispose();
        lab.HoldRouterCommands("apply", TimeSpan.Zero);
        lab.HoldRouterCommands("read", TimeSpan.Zero);
        await lab.PauseSshdAsync(paused: false);
        Directory.Delete(workdir, recursive: true);
    }
}
