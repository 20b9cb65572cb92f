using FastEndpoints;
using FluentValidation;

namespace Op25b.Api.Features.Products.Upsert;

public sealed class Request
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public bool InBlockingScope { get; set; }
    public bool ExemptionEligible { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Code).NotEmpty().MaximumLength(64).Matches("^[a-z0-9-]+$")
                .WithMessage("code may contain lowercase letters, digits and '-' only.");
            RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        }
    }
}
