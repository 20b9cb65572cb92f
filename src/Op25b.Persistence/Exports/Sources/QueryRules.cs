namespace Op25b.Persistence.Exports.Sources;

internal static class QueryRules
{
    public static IEnumerable<ExportQueryProblem> Period(ExportQuery q)
    {
        if (q.From is null)
            yield return new("from", "from is required for this export.");
        if (q.To is null)
            yield return new("to", "to is required for this export.");
        if (q.From is { } from && q.To is { } to && to <= from)
            yield return new("to", "to must be after from.");
    }
}
