using FastEndpoints;
using FluentValidation;
using Op25b.Core.Addressing;
using Op25b.Core.Subscribers;

namespace Op25b.Api.Features.Subscribers.List;

public sealed class Request : PagedRequest
{
    public SubscriberStatus? Status { get; set; }
    public string? ProductCode { get; set; }
    /// <summary>Matches the start of the external id or any part of the display name.</summary>
    public string? Q { get; set; }
    /// <summary>Only subscribers with an address assignment containing this address (now).</summary>
    public string? ContainsIp { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            this.AddPagingRules();
            RuleFor(r => r.Q).MaximumLength(100);
            RuleFor(r => r.ContainsIp)
                .Must(ip => PrefixParser.TryParseAddress(ip, out _, out _))
                .When(r => r.ContainsIp is not null)
                .WithMessage(r => $"'{r.ContainsIp}' is not a valid IPv4 or IPv6 address.");
        }
    }
}
