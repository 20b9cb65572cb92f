using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Core.Exemptions;
using Op25b.Persistence;

namespace Op25b.Api.Features.Exemptions;

public static class ExemptionLookup
{
    public static IQueryable<Exemption> WithDetails(this IQueryable<Exemption> query) =>
        query.Include(e => e.Subscriber).Include(e => e.Prefixes);

    public static async Task<Exemption> RequireAsync(AdminDbContext db, long id, CancellationToken ct) =>
        await db.Exemptions.WithDetails().FirstOrDefaultAsync(e => e.Id == id, ct)
        ?? throw new DomainRuleViolation(ViolationKind.NotFound, "id", $"No exemption with id {id}.");
}
