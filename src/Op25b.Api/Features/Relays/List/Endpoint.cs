using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Persistence;

namespace Op25b.Api.Features.Relays.List;

public sealed class Endpoint(AdminDbContext db) : EndpointWithoutRequest<IReadOnlyList<RelayResponse>>
{
    public override void Configure()
    {
        Get("/relays");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "List the ISP's mail relays");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var relays = await db.MailRelays.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        await Send.OkAsync(relays.Select(RelayResponse.From).ToList(), ct);
    }
}
