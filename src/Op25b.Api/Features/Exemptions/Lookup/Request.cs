using FastEndpoints;
using FluentValidation;
using Op25b.Core.Addressing;

namespace Op25b.Api.Features.Exemptions.Lookup;

public sealed class Request
{
    public string Ip { get; set; } = "";
    /// <summary>Defaults to now.</summary>
    public DateTimeOffset? At { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator() => RuleFor(r => r.Ip).Custom((ip, ctx) =>
        {
            if (!PrefixParser.TryParseAddress(ip, out _, out var error))
                ctx.AddFailure("ip", error);
        });
    }
}

public sealed record Response(string Ip, DateTimeOffset At, bool Exempt, string? MatchedPrefix, ExemptionResponse? Exemption);
