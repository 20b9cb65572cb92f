using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Api.Http;
using Op25b.Persistence.Abuse;

namespace Op25b.Api.Features.AbuseCases.Get;

public sealed class Request
{
    public long Id { get; set; }
}

public sealed class Endpoint(AbuseCaseQueries queries) : Endpoint<Request, AbuseCaseResponse>
{
    public override void Configure()
    {
        Get("/abuse-cases/{id:long}");
        Roles(Allow.AbuseReaders);
        Summary(s => s.Summary = "Get an abuse case with its history (ETag = version)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var found = await queries.RequireAsync(req.Id, ct);
        ETags.Set(HttpContext, found.Version);
        await Send.OkAsync(AbuseCaseResponse.From(found), ct);
    }
}
