using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Persistence;

namespace Op25b.Api.Features.RuleSets.Get;

public sealed class Request
{
    public long Id { get; set; }
}

public sealed class Endpoint(AdminDbContext db) : Endpoint<Request, RuleSetResponse>
{
    public override void Configure()
    {
        Get("/rulesets/{id:long}");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "Get a rule set version: policy, relays, pools and exempt entries with the exemptions behind each");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct) =>
        await Send.OkAsync(RuleSetResponse.From(await RuleSetLookup.RequireAsync(db, req.Id, "id", ct)), ct);
}
