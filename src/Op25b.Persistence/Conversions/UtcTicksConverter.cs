using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Op25b.Persistence.Conversions;

/// <summary>
/// SQLite has no date type and EF cannot compare or order DateTimeOffset stored as text there.
/// Storing UTC ticks as an integer keeps comparisons, ordering and indexes correct.
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
