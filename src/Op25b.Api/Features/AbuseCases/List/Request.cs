using FastEndpoints;
using FluentValidation;
using Op25b.Core.Abuse;

namespace Op25b.Api.Features.AbuseCases.List;

public sealed class Request : PagedRequest
{
    public AbuseCaseState? State { get; set; }
    /// <summary>true: open, notified or suspended; false: resolved.</summary>
    public bool? Unresolved { get; set; }
    public string? Subscriber { get; set; }
    public AbuseCaseTrigger? Trigger { get; set; }
    /// <summary>Opened at or after this moment.</summary>
    public DateTimeOffset? OpenedFrom { get; set; }
    /// <summary>Opened before this moment.</summary>
    public DateTimeOffset? OpenedTo { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            this.AddPagingRules();
            RuleFor(r => r.Subscriber).MaximumLength(128);
            RuleFor(r => r.OpenedTo).GreaterThan(r => r.OpenedFrom).When(r => r.OpenedFrom is not null && r.OpenedTo is not null)
                .WithMessage("openedTo must be after openedFrom.");
        }
    }
}
