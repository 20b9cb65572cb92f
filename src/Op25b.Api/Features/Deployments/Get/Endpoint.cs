using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Persistence;

namespace Op25b.Api.Features.Deployments.Get;

public sealed class Request
{
    public long Id { get; set; }
}

public sealed class Endpoint(AdminDbContext db) : Endpoint<Request, DeploymentResponse>
{
    public override void Configure()
    {
        Get("/deployments/{id:long}");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "Get a deployment with its state, timestamps and the router's output");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct) =>
        await Send.OkAsync(DeploymentResponse.From(await DeploymentLookup.RequireAsync(db, req.Id, ct)), ct);
}
