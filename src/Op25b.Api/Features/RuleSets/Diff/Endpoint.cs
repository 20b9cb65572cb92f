using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Core;
using Op25b.Core.RuleSets;
using Op25b.Persistence;

namespace Op25b.Api.Features.RuleSets.Diff;

public sealed class Request
{
    public long Id { get; set; }
    /// <summary>The version to compare from; defaults to the previous version of the same group.</summary>
    public long? From { get; set; }
}

public sealed class Endpoint(AdminDbContext db) : Endpoint<Request, DifferenceResponse>
{
    public override void Configure()
    {
        Get("/rulesets/{id:long}/diff");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "Difference between two versions: added/removed prefixes with their exemptions");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var to = await RuleSetLookup.RequireAsync(db, req.Id, "id", ct);
        RuleSetVersion? from;
        if (req.From is { } fromId)
        {
            from = await RuleSetLookup.RequireAsync(db, fromId, "from", ct);
            if (from.RouterGroup != to.RouterGroup)
                throw new DomainRuleViolation(ViolationKind.Invalid, "from", $"Version {fromId} belongs to group '{from.RouterGroup}', not '{to.RouterGroup}'.");
        }
        else
        {
            from = await db.RuleSetVersions.AsNoTracking().Where(v => v.RouterGroup == to.RouterGroup && v.Number < to.Number)
                .OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        }
        var difference = RuleSetDiff.Between(from is null ? null : RuleSetCanonical.Parse(from.Content), RuleSetCanonical.Parse(to.Content));
        await Send.OkAsync(DifferenceResponse.From(difference), ct);
    }
}
