using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Persistence;

namespace Op25b.Api.Features.Subscribers.ListAssignments;

public sealed class Request
{
    public string ExternalId { get; set; } = "";
}

/// <summary>Every assignment the subscriber ever held, ended ones included: the address history.</summary>
public sealed class Endpoint(AdminDbContext db) : Endpoint<Request, IReadOnlyList<AssignmentResponse>>
{
    public override void Configure()
    {
        Get("/subscribers/{externalId}/assignments");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "List a subscriber's address assignments, past and present");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var subscriber = await SubscriberLookup.RequireAsync(db, req.ExternalId, "externalId", ct);
        await Send.OkAsync(SubscriberResponse.From(subscriber).Assignments, ct);
    }
}
