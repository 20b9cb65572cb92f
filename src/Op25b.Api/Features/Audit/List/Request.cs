using FastEndpoints;
using FluentValidation;

namespace Op25b.Api.Features.Audit.List;

public sealed class Request : PagedRequest
{
    public string? EntityType { get; set; }
    public string? EntityId { get; set; }
    public string? Actor { get; set; }
    public string? Action { get; set; }
    public DateTimeOffset? From { get; set; }
    public DateTimeOffset? To { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator() => this.AddPagingRules();
    }
}

public sealed record Response(
    long Sequence, DateTimeOffset OccurredAt, string Actor, string ActorRole, string Action, string EntityType,
    string EntityId, string? Before, string? After, string? RequestId, string? Reason, string PreviousHash, string Hash);
