using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Api.Http;
using Op25b.Persistence;

namespace Op25b.Api.Features.Policy.Get;

public sealed class Endpoint(AdminDbContext db) : EndpointWithoutRequest<PolicyResponse>
{
    public override void Configure()
    {
        Get("/policy");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "Get the blocking policy (action, logging, NFLOG group and prefix, log rate, mass-removal limit)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var policy = await db.PolicySettings.AsNoTracking().SingleAsync(ct);
        ETags.Set(HttpContext, policy.Version);
        await Send.OkAsync(PolicyResponse.From(policy), ct);
    }
}
