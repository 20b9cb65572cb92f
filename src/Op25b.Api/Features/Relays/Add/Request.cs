using FastEndpoints;
using FluentValidation;

namespace Op25b.Api.Features.Relays.Add;

public sealed class Request
{
    /// <summary>The ISP's relay or smart host (address or prefix), reachable on port 25 from every pool.</summary>
    public string Prefix { get; set; } = "";
    public string? Description { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Description).MaximumLength(500);
            RuleFor(r => r.Prefix).RequiredPrefix();
        }
    }
}
