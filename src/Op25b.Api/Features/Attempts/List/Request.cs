using FastEndpoints;
using FluentValidation;

namespace Op25b.Api.Features.Attempts.List;

public sealed class Request : PagedRequest
{
    public string? Subscriber { get; set; }
    /// <summary>Source address or prefix, e.g. 100.64.1.0/24.</summary>
    public string? SourcePrefix { get; set; }
    public string? Router { get; set; }
    public string? Destination { get; set; }
    public DateTimeOffset? From { get; set; }
    public DateTimeOffset? To { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            this.AddPagingRules();
            RuleFor(r => r.SourcePrefix).MustBePrefix("sourcePrefix");
            RuleFor(r => r.Destination).MustBeAddress("destination");
            RuleFor(r => r.To).GreaterThan(r => r.From).When(r => r.From is not null && r.To is not null);
        }
    }
}
