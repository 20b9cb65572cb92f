using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Persistence.Access;

namespace Op25b.Api.Features.ApiKeys.Revoke;

public sealed class Request
{
    public string KeyId { get; set; } = "";
    public string? Reason { get; set; }
}

public sealed class Endpoint(ApiKeyRegistry registry) : Endpoint<Request, ApiKeyResponse>
{
    public override void Configure()
    {
        Post("/api-keys/{keyId}/revoke");
        Roles(Allow.AdminsOnly);
        Summary(s => s.Summary = "Revoke an API key at once");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct) =>
        await Send.OkAsync(ApiKeyResponse.From(await registry.RevokeAsync(req.KeyId, Actor.Of(HttpContext), req.Reason, ct)), ct);
}
