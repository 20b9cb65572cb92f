using FastEndpoints;
using FluentValidation;
using Op25b.Core.Abuse;

namespace Op25b.Api.Features.AbuseCases.Open;

public sealed class Request
{
    public string SubscriberExternalId { get; set; } = "";
    /// <summary>Why the case is opened (a complaint, a blocklist listing, a pattern in the attempts).</summary>
    public string Reason { get; set; } = "";
    public string? Note { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.SubscriberExternalId).NotEmpty().MaximumLength(128);
            RuleFor(r => r.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(2000);
            RuleFor(r => r.Note).MaximumLength(AbuseCase.MaxNoteLength);
        }
    }
}
