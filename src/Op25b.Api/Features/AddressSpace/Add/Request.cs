using FastEndpoints;
using FluentValidation;

namespace Op25b.Api.Features.AddressSpace.Add;

public sealed class Request
{
    /// <summary>A block of the ISP's own address space, e.g. its RIR allocation 2001:db8::/32 or its CGN range 100.64.0.0/10.</summary>
    public string Prefix { get; set; } = "";
    public string? Description { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Prefix).RequiredPrefix();
            RuleFor(r => r.Description).MaximumLength(500);
        }
    }
}
