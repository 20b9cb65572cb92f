using FastEndpoints;
using FluentValidation;

namespace Op25b.Api.Features.Products.Upsert;

public sealed class Request
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Required: whether port 25 is blocked for lines of this product.</summary>
    public bool? InBlockingScope { get; set; }
    /// <summary>Required: whether lines of this product may be granted an exemption.</summary>
    public bool? ExemptionEligible { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Code).NotEmpty().MaximumLength(64).Matches("^[a-z0-9-]+$")
                .WithMessage("code may contain lowercase letters, digits and '-' only.");
            RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
            RuleFor(r => r.InBlockingScope).NotNull();
            RuleFor(r => r.ExemptionEligible).NotNull();
        }
    }
}
