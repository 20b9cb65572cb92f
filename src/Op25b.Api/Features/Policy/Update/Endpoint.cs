using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Api.Http;
using Op25b.Api.Rollout;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.Policy.Update;

public sealed class Endpoint(AdminDbContext db, AuditTrail audit, PolicyChangeSignal signal) : Endpoint<Request, PolicyResponse>
{
    public override void Configure()
    {
        Put("/policy");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Update the blocking policy; every router group gets a new rule set version");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var policy = await db.PolicySettings.SingleAsync(ct);
        ETags.RequireMatch(HttpContext, policy.Version);
        var before = PolicyResponse.From(policy);
        (policy.Action, policy.Logging, policy.NflogGroup, policy.LogPrefix, policy.LogRatePerSecond, policy.MaxRemovedShare) =
            (req.Action!.Value, req.Logging!.Value, req.NflogGroup!.Value, req.LogPrefix, req.LogRatePerSecond!.Value, req.MaxRemovedShare!.Value);
        policy.Version++;
        audit.Record(Actor.Of(HttpContext), new AuditRecord("policy.updated", "policy", "1", before, PolicyResponse.From(policy)));
        await audit.SaveAsync(ct);
        signal.Notify("policy updated", Actor.NameOf(User));
        ETags.Set(HttpContext, policy.Version);
        await Send.OkAsync(PolicyResponse.From(policy), ct);
    }
}
