using FastEndpoints;
using FluentValidation;
using Op25b.Core.Subscribers;

namespace Op25b.Api.Features.Subscribers.Upsert;

public sealed class Request
{
    /// <summary>The provisioning system's id for the line; the idempotency key of this call.</summary>
    public string ExternalId { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string ProductCode { get; set; } = "";
    public SubscriberStatus Status { get; set; } = SubscriberStatus.Active;

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.ExternalId).NotEmpty().MaximumLength(128).Matches("^[A-Za-z0-9._:-]+$")
                .WithMessage("externalId may contain letters, digits and . _ : - only.");
            RuleFor(r => r.DisplayName).NotEmpty().MaximumLength(300);
            RuleFor(r => r.ProductCode).NotEmpty().MaximumLength(64);
            RuleFor(r => r.Status).IsInEnum();
        }
    }
}
