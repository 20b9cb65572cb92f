using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Op25b.Persistence.Conversions;

/// <summary>Enums are stored as lowercase names: readable in SQL and stable when members are reordered.</summary>
public sealed class LowercaseEnumConverter<T>() : ValueConverter<T, string>(
    v => v.ToString().ToLowerInvariant(),
    v => Enum.Parse<T>(v, true))
    where T : struct, Enum;
