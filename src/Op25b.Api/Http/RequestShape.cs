using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation.Results;

namespace Op25b.Api.Http;

/// <summary>
/// The rules every request field obeys, checked once for every endpoint after binding and before
/// the endpoint's own validator, so no validator or handler ever sees their violations:
/// <list type="bullet">
/// <item>a field declared non-nullable is required: JSON <c>null</c> (for it or for an element of
/// its list) is a 400 naming it, never a default;</item>
/// <item>strings carry no C0 control character (U+0000–U+001F) nor DEL: a NUL cannot be stored
/// in PostgreSQL text and the rest end up in router configs, logs and CSV exports. Free-text
/// explanations (<see cref="MultiLineFields"/>) may contain tab, line feed and carriage return;</item>
/// <item>dates lie between <see cref="Earliest"/> and <see cref="Latest"/>: nothing this system
/// records happened before 2000 or will after 2100, and year 1 or 9999 overflows range arithmetic
/// in both databases.</item>
/// </list>
/// </summary>
public static class RequestShape
{
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Fields documented as multi-line: a person's explanation, or a router's output.</summary>
    public static readonly IReadOnlySet<string> MultiLineFields =
        new HashSet<string>(["justification", "reason", "note", "output", "eligibilityOverrideReason"], StringComparer.OrdinalIgnoreCase);

    private const int MaxDepth = 8;
    private static readonly ConcurrentDictionary<Type, Field[]> Fields = new();

    public static void Check(object request, List<ValidationFailure> failures) => CheckObject(request, "", failures, 0);

    /// <summary>Why a string value is refused, or null.</summary>
    public static string? StringRefusal(string value, bool multiLine)
    {
        foreach (var c in value)
            if ((c < ' ' && !(multiLine && c is '\t' or '\n' or '\r')) || c == '\u007f')
                return $"must not contain control characters (found U+{(int)c:X4}){(multiLine ? "; only tab and line breaks are allowed" : "")}.";
        return null;
    }

    private static void CheckObject(object dto, string prefix, List<ValidationFailure> failures, int depth)
    {
        if (depth > MaxDepth)
            return;
        foreach (var field in Fields.GetOrAdd(dto.GetType(), Describe))
        {
            var name = prefix + field.Name;
            CheckValue(field.Property.GetValue(dto), name, field.Nullability, MultiLineFields.Contains(field.Name), failures, depth);
        }
    }

    private static void CheckValue(object? value, string name, NullabilityInfo nullability, bool multiLine, List<ValidationFailure> failures, int depth)
    {
        switch (value)
        {
            case null:
                if (nullability.ReadState == NullabilityState.NotNull && !nullability.Type.IsValueType)
                    failures.Add(new(name, $"'{name}' is required and must not be null."));
                return;
            case string text:
                if (StringRefusal(text, multiLine) is { } refusal)
                    failures.Add(new(name, $"'{name}' {refusal}"));
                return;
            case DateTimeOffset at:
                CheckDate(at, name, failures);
                return;
            case DateTime at:
                CheckDate(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)), name, failures);
                return;
            case IEnumerable items when nullability.GenericTypeArguments.Length == 1 || nullability.ElementType is not null:
                var element = nullability.ElementType ?? nullability.GenericTypeArguments[0];
                var i = 0;
                foreach (var item in items)
                    CheckValue(item, $"{name}[{i++}]", element, multiLine, failures, depth + 1);
                return;
            default:
                if (value.GetType().Namespace?.StartsWith("Op25b", StringComparison.Ordinal) == true && !value.GetType().IsEnum)
                    CheckObject(value, name + ".", failures, depth + 1);
                return;
        }
    }

    private static void CheckDate(DateTimeOffset at, string name, List<ValidationFailure> failures)
    {
        if (at < Earliest || at >= Latest)
            failures.Add(new(name, $"'{name}' must lie between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}."));
    }

    private sealed record Field(PropertyInfo Property, string Name, NullabilityInfo Nullability);

    private static Field[] Describe(Type type)
    {
        var context = new NullabilityInfoContext();
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => new Field(p, p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name), context.Create(p)))
            .ToArray();
    }
}
