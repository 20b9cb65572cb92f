using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Api.Http;
using Op25b.Persistence;

namespace Op25b.Api.Features.Exemptions.Get;

public sealed class Request
{
    public long Id { get; set; }
}

public sealed class Endpoint(AdminDbContext db) : Endpoint<Request, ExemptionResponse>
{
    public override void Configure()
    {
        Get("/exemptions/{id:long}");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "Get an exemption (ETag = version)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var exemption = await ExemptionLookup.RequireAsync(db, req.Id, ct);
        ETags.Set(HttpContext, exemption.Version);
        await Send.OkAsync(ExemptionResponse.From(exemption), ct);
    }
}
