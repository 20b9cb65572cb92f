using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Api.Http;
using Op25b.Persistence;

namespace Op25b.Api.Features.Subscribers.Get;

public sealed class Request
{
    public string ExternalId { get; set; } = "";
}

public sealed class Endpoint(AdminDbContext db) : Endpoint<Request, SubscriberResponse>
{
    public override void Configure()
    {
        Get("/subscribers/{externalId}");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "Get a subscriber with its address assignments (ETag = version)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var subscriber = await SubscriberLookup.RequireAsync(db, req.ExternalId, "externalId", ct);
        ETags.Set(HttpContext, subscriber.Version);
        await Send.OkAsync(SubscriberResponse.From(subscriber), ct);
    }
}
