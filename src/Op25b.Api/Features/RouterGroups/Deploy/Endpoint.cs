using System.Text.Json;
using FastEndpoints;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Api.Features.RuleSets;
using Op25b.Api.Jobs;
using Op25b.Api.Rollout;
using Op25b.Core;
using Op25b.Core.Deployments;
using Op25b.Core.RuleSets;
using Op25b.Persistence;
using Op25b.Persistence.Audit;
using RouterDeploy = Op25b.Api.Features.Routers.Deploy;

namespace Op25b.Api.Features.RouterGroups.Deploy;

public sealed class Request
{
    public string Group { get; set; } = "";
    public bool DryRun { get; set; }
    public string? Reason { get; set; }
}

/// <summary>Compiles the group now and deploys its newest version to every enabled router of the group (dryRun: plans only).</summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock, RuleSetPublisher publisher, DeploymentPlanning planning, PolicySnapshotLoader loader,
    IBackgroundJobClient jobs) : Endpoint<Request, IReadOnlyList<RouterDeploy.Response>>
{
    public override void Configure()
    {
        Post("/router-groups/{group}/deploy");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Deploy the group's current policy to all its enabled routers (dryRun: plan and diff per router)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var routers = await db.Routers.Where(r => r.RouterGroup == req.Group && r.Enabled).OrderBy(r => r.Name).ToListAsync(ct);
        if (routers.Count == 0)
            throw new DomainRuleViolation(ViolationKind.NotFound, "group", $"Group '{req.Group}' has no enabled router.");
        var actor = Actor.NameOf(User);

        if (req.DryRun)
        {
            // Compiled in memory only: a dry run stores no version and plans nothing.
            var compiled = RuleSetCompiler.Compile(await loader.LoadAsync(req.Group, clock.GetUtcNow(), ct));
            var latest = await RuleSetLookup.LatestAsync(db, req.Group, ct);
            var results = new List<RouterDeploy.Response>();
            foreach (var router in routers)
            {
                var plan = await planning.PlanOnlyAsync(router, compiled.Content, ct);
                results.Add(new(router.Name, latest?.Hash == compiled.Hash ? latest.Id : 0, latest?.Hash == compiled.Hash ? latest.Number : (latest?.Number ?? 0) + 1,
                    compiled.Hash, true, JsonNamingPolicy.KebabCaseLower.ConvertName(plan.InitialState.ToString()), plan.Summary,
                    DifferenceResponse.From(plan.Difference), null));
            }
            await Send.OkAsync(results, ct);
            return;
        }

        await publisher.PublishAsync(req.Reason ?? $"manual deploy of group {req.Group}", actor, ct);
        var version = (await RuleSetLookup.LatestAsync(db, req.Group, ct))!;
        var content = RuleSetCanonical.Parse(version.Content);
        // The publish above planned (and enqueued) deployments for routers that lacked this version;
        // routers that already run it get a forced redeploy, which is what a manual deploy asks for.
        var planned = new List<(Core.Network.Router Router, Deployment Deployment, DeploymentPlan Plan, bool New)>();
        foreach (var router in routers)
        {
            var plan = await planning.PlanOnlyAsync(router, content, ct);
            var open = await db.Deployments.Where(d => d.RouterId == router.Id && d.Hash == version.Hash && Deployment.Open.Contains(d.State))
                .FirstOrDefaultAsync(ct);
            planned.Add(open is not null
                ? (router, open, plan, false)
                : (router, (await planning.PlanAsync(router, version, content, req.Reason ?? $"manual deploy of group {req.Group}", actor, clock.GetUtcNow(), ct)), plan, true));
        }
        audit.Record(Actor.Of(HttpContext), new AuditRecord("deployment.requested", "router-group", req.Group, null,
            new { group = req.Group, version = version.Number, version.Hash }, req.Reason));
        await audit.SaveAsync(ct);
        foreach (var (_, d, _, _) in planned.Where(p => p.New && p.Deployment.State == DeploymentState.Queued))
            jobs.Enqueue<DeployJob>(j => j.RunAsync(d.Id, CancellationToken.None));
        var responses = planned.Select(p => new RouterDeploy.Response(p.Router.Name, version.Id, version.Number, version.Hash, false,
            JsonNamingPolicy.KebabCaseLower.ConvertName(p.Deployment.State.ToString()), p.Deployment.Output ?? "",
            DifferenceResponse.From(p.Plan.Difference), p.Deployment.Id)).ToList();
        await Send.ResponseAsync(responses, 202, ct);
    }
}
