using Op25b.Core.Exports;

namespace Op25b.Persistence.Exports;

/// <summary>A problem with an export's parameters, naming the offending field.</summary>
public sealed record ExportQueryProblem(string Field, string Message);

/// <summary>
/// One kind of export. Adding a kind (say, abuse cases with their history) is one class
/// implementing this and one registration line in the host's ExportsSetup.
/// Implementations stream from the database (never materialise the result) and write each
/// row to the writer, calling <see cref="ExportRowWriter.FlushIfFullAsync"/> between rows.
/// </summary>
public interface IExportSource
{
    /// <summary>The name clients use, kebab-case: "exemption-register".</summary>
    string Type { get; }

    IReadOnlyList<string> Columns { get; }

    IEnumerable<ExportQueryProblem> Validate(ExportQuery query);

    /// <summary>An estimate (an upper bound where cheap) used to decide streaming vs. a background job, and for progress.</summary>
    Task<long> EstimateRowsAsync(ExportQuery query, CancellationToken ct);

    Task WriteAsync(ExportQuery query, ExportRowWriter writer, CancellationToken ct);
}
