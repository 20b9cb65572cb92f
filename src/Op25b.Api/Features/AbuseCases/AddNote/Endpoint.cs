using FastEndpoints;
using FluentValidation;
using Op25b.Api.Auth;
using Op25b.Api.Http;
using Op25b.Core.Abuse;
using Op25b.Persistence.Abuse;

namespace Op25b.Api.Features.AbuseCases.AddNote;

public sealed class Request
{
    public long Id { get; set; }
    public string Note { get; set; } = "";

    public sealed class Validator : Validator<Request>
    {
        public Validator() => RuleFor(r => r.Note).NotEmpty().WithMessage("A note needs text.").MaximumLength(AbuseCase.MaxNoteLength);
    }
}

/// <summary>Adds a note to the case's history (a call made, a reply received) without changing its state.</summary>
public sealed class Endpoint(AbuseCaseQueries queries, AbuseCaseService cases) : Endpoint<Request, AbuseCaseResponse>
{
    public override void Configure()
    {
        Post("/abuse-cases/{id:long}/notes");
        Roles(Allow.AbuseDesk);
        Summary(s => s.Summary = "Add a note to an abuse case");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        ETags.RequireMatch(HttpContext, (await queries.RequireAsync(req.Id, ct)).Version);
        var noted = await cases.AddNoteAsync(req.Id, req.Note, Actor.Of(HttpContext), ct);
        ETags.Set(HttpContext, noted.Version);
        await Send.OkAsync(AbuseCaseResponse.From(noted), ct);
    }
}
