using System.Security.Cryptography;
using System.Text.Json;
using FastEndpoints;
using FluentValidation;
using Op25b.Core.Addressing;

namespace Op25b.Api.Features.Exemptions.Request;

public sealed class Request
{
    public string SubscriberExternalId { get; set; } = "";
    /// <summary>Static IPv4 addresses/prefixes or delegated IPv6 prefixes (/64 or shorter) the subscriber holds.</summary>
    public List<string> Prefixes { get; set; } = [];
    /// <summary>Why this line needs to send on port 25 (recorded: blocking touches the secrecy of communications).</summary>
    public string Justification { get; set; } = "";
    /// <summary>Defaults to now.</summary>
    public DateTimeOffset? ValidFrom { get; set; }
    public DateTimeOffset? ValidUntil { get; set; }
    /// <summary>Admins only: grant although the subscriber's product is not eligible.</summary>
    public string? EligibilityOverrideReason { get; set; }

    /// <summary>Makes a retried request return the first result instead of creating a second one.</summary>
    [FromHeader("Idempotency-Key", IsRequired = false)]
    public string? IdempotencyKey { get; set; }

    /// <summary>
    /// What the request asks for, hashed: a retry with the same Idempotency-Key must ask for the
    /// same thing. Prefixes are compared as parsed and instants in UTC, so an equivalent spelling
    /// is the same request.
    /// </summary>
    public string Fingerprint() => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new
    {
        SubscriberExternalId,
        Prefixes = Prefixes.Select(p => PrefixParser.TryParsePrefix(p, out var prefix, out _) ? prefix.ToString() : p).ToList(),
        Justification,
        ValidFrom = ValidFrom?.ToUniversalTime(),
        ValidUntil = ValidUntil?.ToUniversalTime(),
        EligibilityOverrideReason,
    })));

    public sealed class Validator : Validator<Request>
    {
        public const int MaxPrefixes = 64;

        public Validator()
        {
            RuleFor(r => r.SubscriberExternalId).NotEmpty().MaximumLength(128);
            RuleFor(r => r.Justification).NotEmpty().MaximumLength(2000);
            RuleFor(r => r.EligibilityOverrideReason).MaximumLength(2000);
            RuleFor(r => r.IdempotencyKey).MaximumLength(200);
            RuleFor(r => r.Prefixes).NotEmpty().Must(p => p.Count <= MaxPrefixes)
                .WithMessage($"At most {MaxPrefixes} prefixes per request.");
            RuleForEach(r => r.Prefixes).Custom((text, ctx) =>
            {
                if (!PrefixParser.TryParsePrefix(text, out _, out var error))
                    ctx.AddFailure(error);
            });
            RuleFor(r => r.ValidUntil).GreaterThan(r => r.ValidFrom!.Value)
                .When(r => r.ValidFrom is not null && r.ValidUntil is not null)
                .WithMessage("validUntil must be after validFrom.");
        }
    }
}
