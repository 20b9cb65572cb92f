using FastEndpoints;
using FluentValidation;
using Op25b.Core.Addressing;
using Op25b.Core.Exemptions;

namespace Op25b.Api.Features.Exemptions.List;

public sealed class Request : PagedRequest
{
    public ExemptionStatus? Status { get; set; }
    public string? Subscriber { get; set; }
    /// <summary>Exemptions with a prefix that contains this address.</summary>
    public string? ContainsIp { get; set; }
    /// <summary>Exemptions whose validUntil is before this moment (and not yet ended): the renewal list.</summary>
    public DateTimeOffset? ExpiringBefore { get; set; }
    /// <summary>Only exemptions that were in force at this moment (reconstructed from history).</summary>
    public DateTimeOffset? InForceAt { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            this.AddPagingRules();
            RuleFor(r => r.ContainsIp)
                .Must(ip => PrefixParser.TryParseAddress(ip, out _, out _))
                .When(r => r.ContainsIp is not null)
                .WithMessage(r => $"'{r.ContainsIp}' is not a valid IPv4 or IPv6 address.");
        }
    }
}
