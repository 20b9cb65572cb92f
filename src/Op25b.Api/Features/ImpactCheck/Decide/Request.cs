using System.Text.Json;
using FastEndpoints;
using FluentValidation;
using Op25b.Core.Impact;

namespace Op25b.Api.Features.ImpactCheck.Decide;

public sealed class Request
{
    /// <summary>The customer's product; its blocking scope decides step 1. Give this or <see cref="LineInScope"/>.</summary>
    public string? ProductCode { get; set; }
    /// <summary>Whether the line is a dynamic / residential one behind the block, when the product is not known.</summary>
    public bool? LineInScope { get; set; }
    public bool WebmailOnly { get; set; }
    /// <summary>isp-server, other-provider or own-mta.</summary>
    public string? SmtpServer { get; set; }
    public int? SmtpPort { get; set; }
    /// <summary>Sending from another ISP's line (hotel, mobile, office) through this ISP's mail service.</summary>
    public bool Roaming { get; set; }

    public static bool TryParseServer(string? text, out MailServerKind kind)
    {
        kind = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        foreach (var k in Enum.GetValues<MailServerKind>())
            if (string.Equals(JsonNamingPolicy.KebabCaseLower.ConvertName(k.ToString()), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        return false;
    }

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.LineInScope).NotNull().When(r => string.IsNullOrWhiteSpace(r.ProductCode))
                .WithMessage("Give productCode or lineInScope.");
            RuleFor(r => r.ProductCode).MaximumLength(64);
            RuleFor(r => r.SmtpServer).Must(s => TryParseServer(s, out _)).When(r => r.SmtpServer is not null)
                .WithMessage(r => $"'{r.SmtpServer}' is not a server kind; use isp-server, other-provider or own-mta.");
            RuleFor(r => r.SmtpPort).InclusiveBetween(1, 65535);
        }
    }
}

public sealed record Explained(string Code, string Text, IReadOnlyDictionary<string, string> Texts)
{
    public static Explained Of(Enum value) => new(ImpactTexts.Code(value), ImpactTexts.For(value, ImpactTexts.English), ImpactTexts.All(value));
}

/// <summary>Codes are stable; <c>text</c> is English, <c>texts</c> has every language (en, ja) for the console.</summary>
public sealed record Response(ImpactVerdict Verdict, bool LineInScope, Explained Reason, IReadOnlyList<Explained> Remedies);
