using FastEndpoints;
using FluentValidation;

namespace Op25b.Api.Features.Subscribers.AddAssignment;

public sealed class Request
{
    public string ExternalId { get; set; } = "";
    /// <summary>A static IPv4 address or prefix, or the delegated IPv6 prefix, e.g. 198.51.100.8/29 or 2001:db8:1200::/56.</summary>
    public string Prefix { get; set; } = "";
    /// <summary>Defaults to now.</summary>
    public DateTimeOffset? ValidFrom { get; set; }
    public DateTimeOffset? ValidUntil { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Prefix).RequiredPrefix();
            RuleFor(r => r.ValidUntil).GreaterThan(r => r.ValidFrom!.Value)
                .When(r => r.ValidFrom is not null && r.ValidUntil is not null)
                .WithMessage("validUntil must be after validFrom.");
        }
    }
}
