using FluentValidation;

namespace Op25b.Api.Features;

/// <summary>
/// Keyset paging: <c>cursor</c> is the last id of the previous page. Stable under inserts,
/// and as fast on page 10,000 as on page 1 (offset paging is neither).
/// </summary>
public abstract class PagedRequest
{
    public const int MaxPageSize = 200;

    public long? Cursor { get; set; }
    public int PageSize { get; set; } = 50;
}

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    public static Page<T> From<TRow>(IReadOnlyList<TRow> rows, int pageSize, Func<TRow, long> id, Func<TRow, T> map) =>
        // Callers fetch pageSize + 1 rows: the extra row only says whether another page exists.
        new(rows.Take(pageSize).Select(map).ToList(), rows.Count > pageSize ? id(rows[pageSize - 1]).ToString() : null);
}

public static class PagingRules
{
    public static void AddPagingRules<T>(this AbstractValidator<T> validator) where T : PagedRequest
    {
        validator.RuleFor(r => r.PageSize).InclusiveBetween(1, PagedRequest.MaxPageSize)
            .WithMessage($"pageSize must be between 1 and {PagedRequest.MaxPageSize}.");
        validator.RuleFor(r => r.Cursor).GreaterThan(0).When(r => r.Cursor is not null);
    }
}
