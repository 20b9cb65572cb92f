using FluentValidation;
using Op25b.Core.Addressing;

namespace Op25b.Api.Features;

/// <summary>
/// Address and prefix fields are validated once, by the core parser, and the failure names the
/// field with the parser's own explanation (e.g. "did you mean 192.0.2.0/24?"). Null passes:
/// make a field required with NotEmpty where it is.
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
}
