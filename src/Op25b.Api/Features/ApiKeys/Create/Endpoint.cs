using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Persistence.Access;

namespace Op25b.Api.Features.ApiKeys.Create;

public sealed class Endpoint(ApiKeyRegistry registry) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Post("/api-keys");
        Roles(Allow.AdminsOnly);
        Summary(s => s.Summary = "Create an API key; the key is shown once in the response");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var issued = await registry.CreateAsync(req.Name, req.Roles, Actor.Of(HttpContext), ct);
        await Send.ResponseAsync(new Response(issued.FullKey, ApiKeyResponse.From(issued.Key)), 201, ct);
    }
}
