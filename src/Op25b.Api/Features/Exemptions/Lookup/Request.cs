using FastEndpoints;
using FluentValidation;

namespace Op25b.Api.Features.Exemptions.Lookup;

public sealed class Request
{
    public string Ip { get; set; } = "";
    /// <summary>Defaults to now.</summary>
    public DateTimeOffset? At { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator() => RuleFor(r => (string?)r.Ip).MustBeAddress("ip");
    }
}

public sealed record Response(string Ip, DateTimeOffset At, bool Exempt, string? MatchedPrefix, ExemptionResponse? Exemption);
