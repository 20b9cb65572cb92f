using FastEndpoints;
using FluentValidation;

namespace Op25b.Api.Features.Subscribers.EndAssignment;

public sealed class Request
{
    public string ExternalId { get; set; } = "";
    public long Id { get; set; }
    /// <summary>Defaults to now.</summary>
    public DateTimeOffset? ValidUntil { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator() => RuleFor(r => r.Id).GreaterThan(0);
    }
}
