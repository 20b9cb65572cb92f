using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Persistence.Abuse;

namespace Op25b.Api.Features.AbuseCases.List;

/// <summary>Newest first; <c>cursor</c> is the last id of the previous page.</summary>
public sealed class Endpoint(AbuseCaseQueries queries) : Endpoint<Request, Page<AbuseCaseResponse>>
{
    public override void Configure()
    {
        Get("/abuse-cases");
        Roles(Allow.AbuseReaders);
        Summary(s => s.Summary = "List abuse cases, newest first (filters: state, unresolved, subscriber, trigger, openedFrom, openedTo; keyset paging)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var rows = await queries.ListAsync(new AbuseCaseFilter(req.State, req.Unresolved, req.Subscriber, req.Trigger,
            req.OpenedFrom?.ToUniversalTime(), req.OpenedTo?.ToUniversalTime(), req.Cursor, req.PageSize + 1), ct);
        await Send.OkAsync(Page<AbuseCaseResponse>.From(rows, req.PageSize, c => c.Id, c => AbuseCaseResponse.From(c, withHistory: false)), ct);
    }
}
