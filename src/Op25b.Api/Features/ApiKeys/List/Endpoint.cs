using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Persistence;

namespace Op25b.Api.Features.ApiKeys.List;

public sealed class Endpoint(AdminDbContext db) : EndpointWithoutRequest<IReadOnlyList<ApiKeyResponse>>
{
    public override void Configure()
    {
        Get("/api-keys");
        Roles(Allow.AdminsOnly);
        Summary(s => s.Summary = "List API keys (never their secrets)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct);
        await Send.OkAsync(keys.Select(ApiKeyResponse.From).ToList(), ct);
    }
}
