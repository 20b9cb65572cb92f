using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Core.RuleSets;
using Op25b.Persistence;

namespace Op25b.Api.Features.RuleSets;

public static class RuleSetLookup
{
    public static async Task<RuleSetVersion> RequireAsync(AdminDbContext db, long id, string field, CancellationToken ct) =>
        await db.RuleSetVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, ct)
        ?? throw new DomainRuleViolation(ViolationKind.NotFound, field, $"No rule set version with id {id}.");

    public static async Task<RuleSetVersion?> LatestAsync(AdminDbContext db, string routerGroup, CancellationToken ct) =>
        await db.RuleSetVersions.AsNoTracking().Where(v => v.RouterGroup == routerGroup).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
}
