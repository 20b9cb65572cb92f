using Microsoft.EntityFrameworkCore;
using Op25b.Core.Deployments;
using Op25b.Core.Network;
using Op25b.Core.RuleSets;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Rollout;

public sealed record PublishedGroup(string RouterGroup, long RuleSetId, int Number, string Hash, bool NewVersion, IReadOnlyList<string> Warnings, IReadOnlyList<long> Deployments);

/// <summary>
/// Compiles every router group and stores a new immutable version when the hash changed; then
/// the reconciler decides, router by router, what to deploy.
/// </summary>
public sealed class RuleSetPublisher(
    AdminDbContext db, AuditTrail audit, PolicySnapshotLoader loader, TimeProvider clock, RouterReconciler reconciler, CompileTurn turn)
{
    public async Task<IReadOnlyList<PublishedGroup>> PublishAsync(string trigger, string actor, CancellationToken ct)
    {
        // Versions are numbered per group: the compile job, the rollout loop and a manual compile must not interleave.
        await using var compileTurn = await turn.TakeAsync(db, ct);
        var now = clock.GetUtcNow();
        var auditActor = new AuditActor(actor, "system", null);
        var results = new List<(RuleSetVersion Version, bool New, IReadOnlyList<string> Warnings)>();

        foreach (var snapshot in await loader.LoadAllAsync(now, ct))
        {
            var group = snapshot.RouterGroup;
            var compiled = RuleSetCompiler.Compile(snapshot);
            var latest = await db.RuleSetVersions.Where(v => v.RouterGroup == group).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
            var isNew = latest?.Hash != compiled.Hash;
            var version = latest!;
            if (isNew)
            {
                version = new RuleSetVersion
                {
                    RouterGroup = group, Number = (latest?.Number ?? 0) + 1, Hash = compiled.Hash, Content = compiled.CanonicalText,
                    CreatedAt = now, Trigger = trigger, TriggeredBy = actor,
                    Warnings = compiled.Warnings.Count == 0 ? null : string.Join('\n', compiled.Warnings),
                };
                db.RuleSetVersions.Add(version);
                audit.Record(auditActor, new AuditRecord("ruleset.compiled", "ruleset", () => version.Id.ToString(), null,
                    () => new { version.Id, version.RouterGroup, version.Number, version.Hash, version.Trigger, compiled.Warnings }));
            }

            results.Add((version, isNew, compiled.Warnings));
        }

        await audit.SaveAsync(ct);
        // Every compile is followed by a look at every router: desired versions may have moved.
        var reconciled = await reconciler.RunAsync($"compiled ({trigger})", ct);
        var planned = reconciled.Where(o => o.Action == ReconcileAction.Plan && o.DeploymentId is not null)
            .ToDictionary(o => o.Router, o => o.DeploymentId!.Value);
        var routerGroups = await db.Routers.AsNoTracking().Select(r => new { r.Name, r.RouterGroup }).ToListAsync(ct);
        return results.Select(r => new PublishedGroup(r.Version.RouterGroup, r.Version.Id, r.Version.Number, r.Version.Hash, r.New, r.Warnings,
            routerGroups.Where(g => g.RouterGroup == r.Version.RouterGroup && planned.ContainsKey(g.Name)).Select(g => planned[g.Name]).ToList())).ToList();
    }
}
