using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Api.Http;
using Op25b.Persistence.Abuse;

namespace Op25b.Api.Features.AbuseCases.Transition;

/// <summary>Moves a case along open → notified → suspended → resolved; 409 for a move the state machine forbids, 412 for a stale If-Match.</summary>
public sealed class Endpoint(AbuseCaseQueries queries, AbuseCaseService cases) : Endpoint<Request, AbuseCaseResponse>
{
    public override void Configure()
    {
        Post("/abuse-cases/{id:long}/transitions");
        Roles(Allow.AbuseDesk);
        Summary(s => s.Summary = "Move an abuse case to another state (notified, suspended, resolved), with a note");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        ETags.RequireMatch(HttpContext, (await queries.RequireAsync(req.Id, ct)).Version);
        Request.TryParseState(req.TargetState, out var target);
        var moved = await cases.TransitionAsync(req.Id, target, req.Note, Actor.Of(HttpContext), ct);
        ETags.Set(HttpContext, moved.Version);
        await Send.OkAsync(AbuseCaseResponse.From(moved), ct);
    }
}
