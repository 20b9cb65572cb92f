using FastEndpoints;
using FluentValidation;

namespace Op25b.Api.Features.Exemptions;

/// <summary>Body of approve: the exemption id from the route and an optional note.</summary>
public sealed class DecisionRequest
{
    public long Id { get; set; }
    public string? Reason { get; set; }
}

/// <summary>Body of reject and revoke, which must say why: the record is the lawful basis of the decision.</summary>
public sealed class ReasonedDecisionRequest
{
    public long Id { get; set; }
    public string Reason { get; set; } = "";

    public sealed class Validator : Validator<ReasonedDecisionRequest>
    {
        public Validator() => RuleFor(r => r.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(2000);
    }
}
