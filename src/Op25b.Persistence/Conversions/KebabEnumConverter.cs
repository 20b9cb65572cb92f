using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Op25b.Persistence.Conversions;

/// <summary>Multi-word enums are stored as the API spells them: AwaitingExternalApply → "awaiting-external-apply".</summary>
public sealed class KebabEnumConverter<T>() : ValueConverter<T, string>(
    v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()),
    v => Enum.Parse<T>(v.Replace("-", ""), true))
    where T : struct, Enum
{
    /// <summary>The stored text of <paramref name="value"/>, for hand-written filters and SQL.</summary>
    public static string Name(T value) => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
