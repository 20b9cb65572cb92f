using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Core.Network;
using Op25b.Persistence;

namespace Op25b.Api.Features.Routers;

public static class RouterLookup
{
    public static async Task<Router> RequireAsync(AdminDbContext db, string name, CancellationToken ct) =>
        await db.Routers.FirstOrDefaultAsync(r => r.Name == name, ct)
        ?? throw new DomainRuleViolation(ViolationKind.NotFound, "name", $"No router named '{name}'.");
}
