using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Core.Subscribers;
using Op25b.Persistence;

namespace Op25b.Api.Features.Subscribers;

public static class SubscriberLookup
{
    public static async Task<Subscriber> RequireAsync(AdminDbContext db, string externalId, string field, CancellationToken ct) =>
        await db.Subscribers.Include(s => s.Assignments).FirstOrDefaultAsync(s => s.ExternalId == externalId, ct)
        ?? throw new DomainRuleViolation(ViolationKind.NotFound, field, $"No subscriber with external id '{externalId}'.");
}
