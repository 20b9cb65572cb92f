using Microsoft.EntityFrameworkCore;
using Op25b.Core.Deployments;
using Op25b.Persistence;

namespace Op25b.Api.Rollout;

/// <summary>
/// Claims a queued deployment for this host and keeps its lease alive while the push runs. The
/// claim and each renewal are conditional updates, so two hosts cannot both run one deployment,
/// and a deployment someone cancelled (or the reconciler abandoned) stops the push: the renewal
/// finds no row and cancels <see cref="Lost"/>.
/// </summary>
public sealed class DeploymentLease : IAsyncDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly long _deploymentId;
    private readonly string _owner;
    private readonly TimeProvider _clock;
    private readonly RolloutTimings _timings;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _renewing = Task.CompletedTask;

    private DeploymentLease(IServiceScopeFactory scopes, long deploymentId, string owner, TimeProvider clock, RolloutTimings timings) =>
        (_scopes, _deploymentId, _owner, _clock, _timings) = (scopes, deploymentId, owner, clock, timings);

    /// <summary>Cancelled when the lease is gone: the deployment was cancelled or abandoned while this host ran it.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Queued → running, owned by this host; null when another host took it or it is no longer queued.</summary>
    public static async Task<DeploymentLease?> ClaimAsync(AdminDbContext db, IServiceScopeFactory scopes, long deploymentId, string owner,
        TimeProvider clock, RolloutTimings timings, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var claimed = await db.Deployments.Where(d => d.Id == deploymentId && d.State == DeploymentState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeploymentState.Running).SetProperty(d => d.StartedAt, now)
                .SetProperty(d => d.Owner, owner).SetProperty(d => d.LeaseUntil, now + timings.Lease), ct);
        if (claimed == 0)
            return null;
        var lease = new DeploymentLease(scopes, deploymentId, owner, clock, timings);
        lease._renewing = lease.RenewAsync();
        return lease;
    }

    private async Task RenewAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_timings.Heartbeat, _clock, _stop.Token);
                if (!await RenewOnceAsync())
                {
                    await _lost.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                // A database hiccup: try again at the next heartbeat; the lease outlasts two more of them.
            }
        }
    }

    private async Task<bool> RenewOnceAsync()
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdminDbContext>();
        var until = _clock.GetUtcNow() + _timings.Lease;
        return await db.Deployments
            .Where(d => d.Id == _deploymentId && d.State == DeploymentState.Running && d.Owner == _owner)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, until), _stop.Token) == 1;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
        _lost.Dispose();
    }
}
