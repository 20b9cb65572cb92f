using Microsoft.EntityFrameworkCore;
using Op25b.Core.Deployments;
using Op25b.Core.Network;

namespace Op25b.Persistence.Deployments;

public sealed record NewestVersion(long Id, string RouterGroup, int Number, string Hash);

/// <summary>One router as the console shows it: what it runs, the newest version of its group, its last deployment.</summary>
public sealed record RouterStatus(Router Router, NewestVersion? Newest, int? LiveNumber, Deployment? LastDeployment,
    IReadOnlyDictionary<long, int> VersionNumbers)
{
    public int? LastDeploymentNumber => LastDeployment is { } d && VersionNumbers.TryGetValue(d.RuleSetVersionId, out var n) ? n : null;

    /// <summary>Runs something other than its group's newest version (a deploy pending, failed or held).</summary>
    public bool Behind => Newest is not null && Router.LiveHash != Newest.Hash;

    /// <summary>What the drift check read back differs from what we deployed, the router lags its group, or what it runs is not known.</summary>
    public bool NeedsAttention => Router.DriftDetected || Router.StateUnknown || Behind
        || LastDeployment?.State is DeploymentState.Failed or DeploymentState.Held or DeploymentState.Abandoned;
}

/// <summary>Every router's state in three small queries, whatever the number of deployments (rule set contents are never loaded).</summary>
public sealed class RouterStatusReader(AdminDbContext db)
{
    public async Task<IReadOnlyList<RouterStatus>> ListAsync(CancellationToken ct)
    {
        var routers = await db.Routers.AsNoTracking().Include(r => r.SyslogSources).OrderBy(r => r.Name).ToListAsync(ct);
        var newest = await db.RuleSetVersions.AsNoTracking()
            .Where(v => v.Number == db.RuleSetVersions.Where(x => x.RouterGroup == v.RouterGroup).Max(x => x.Number))
            .Select(v => new NewestVersion(v.Id, v.RouterGroup, v.Number, v.Hash)).ToListAsync(ct);
        var last = await db.Deployments.AsNoTracking()
            .Where(d => d.Id == db.Deployments.Where(x => x.RouterId == d.RouterId).Max(x => x.Id))
            .ToListAsync(ct);
        var versionIds = routers.Where(r => r.LiveRuleSetVersionId != null).Select(r => r.LiveRuleSetVersionId!.Value)
            .Concat(last.Select(d => d.RuleSetVersionId)).Distinct().ToList();
        var numbers = await db.RuleSetVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .Select(v => new { v.Id, v.Number }).ToDictionaryAsync(v => v.Id, v => v.Number, ct);
        return routers.Select(r => new RouterStatus(r,
            newest.FirstOrDefault(v => v.RouterGroup == r.RouterGroup),
            r.LiveRuleSetVersionId is { } id && numbers.TryGetValue(id, out var n) ? n : null,
            last.FirstOrDefault(d => d.RouterId == r.Id), numbers)).ToList();
    }

    /// <summary>Deployments waiting for a network-admin because the mass-removal guard held them.</summary>
    public Task<List<Deployment>> HeldAsync(CancellationToken ct) =>
        db.Deployments.AsNoTracking().Where(d => d.State == DeploymentState.Held).OrderBy(d => d.Id).ToListAsync(ct);
}
