using System.Net;
using FluentValidation;
using Op25b.Core.Addressing;

namespace Op25b.Api.Features;

/// <summary>
/// Address and prefix fields are validated once, by the core parser, and the failure names the
/// field with the parser's own explanation (e.g. "did you mean 192.0.2.0/24?"). Null passes
/// <see cref="MustBeAddress{T}"/> and <see cref="MustBePrefix{T}"/> (optional filters); a body
/// field that must be sent uses <see cref="RequiredPrefix{T}"/>, which the OpenAPI document then
/// lists as required.
/// </summary>
public static class AddressRules
{
    public static void MustBeAddress<T>(this IRuleBuilderInitial<T, string?> rule, string field) => rule.Custom((text, ctx) =>
    {
        if (text is not null && !PrefixParser.TryParseAddress(text, out _, out var error))
            ctx.AddFailure(field, error);
    });

    public static void MustBePrefix<T>(this IRuleBuilderInitial<T, string?> rule, string field) => rule.Custom((text, ctx) =>
    {
        if (text is not null && !PrefixParser.TryParsePrefix(text, out _, out var error))
            ctx.AddFailure(field, error);
    });

    public static IRuleBuilderOptions<T, string> RequiredPrefix<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Must((_, text, ctx) =>
        {
            if (PrefixParser.TryParsePrefix(text, out var _, out var error))
                return true;
            ctx.MessageFormatter.AppendArgument("ParseError", error);
            return false;
        }).WithMessage("{ParseError}");
}

/// <summary>Reads address fields that the request's validator has already accepted.</summary>
public static class AddressFields
{
    public static IPNetwork Prefix(string validated) =>
        PrefixParser.TryParsePrefix(validated, out var prefix, out var error)
            ? prefix
            : throw new InvalidOperationException($"validator let an invalid prefix through: {error}");
}
