using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Core.Deployments;
using Op25b.Persistence;

namespace Op25b.Api.Features.Deployments;

public static class DeploymentLookup
{
    public static IQueryable<Deployment> WithDetails(this IQueryable<Deployment> query) =>
        query.Include(d => d.Router).Include(d => d.RuleSetVersion);

    public static async Task<Deployment> RequireAsync(AdminDbContext db, long id, CancellationToken ct) =>
        await db.Deployments.WithDetails().SingleOrDefaultAsync(d => d.Id == id, ct)
        ?? throw new DomainRuleViolation(ViolationKind.NotFound, "id", $"No deployment with id {id}.");

    public static void RequireState(Deployment d, DeploymentState expected, string verb)
    {
        if (d.State != expected)
            throw new DomainRuleViolation(ViolationKind.Conflict, "state",
                $"Cannot {verb} deployment {d.Id}: it is {System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(d.State.ToString())}, not {System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(expected.ToString())}.");
    }
}
