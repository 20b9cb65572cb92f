using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Op25b.Persistence.Exports;

/// <summary>Export SQL lives in files beside the sources (embedded); provider differences are chosen here, in one switch.</summary>
internal static class ExportSql
{
    public static readonly string AttemptSummaryRows = Load("attempt-summary-rows.sql");
    public static readonly string AttemptSummarySettingsPostgres = Load("attempt-summary-settings.postgres.sql");
    public static readonly string AttemptSummaryEstimate = Load("attempt-summary-estimate.sql");

    /// <summary>A command on the context's connection (opened if needed) and its current transaction.</summary>
    public static async Task<DbCommand> CommandAsync(AdminDbContext db, string sql, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandTimeout = 0; // a large export legitimately runs for minutes
        return command;
    }

    public static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    /// <summary>Instants as each provider stores them: timestamptz on PostgreSQL, UTC ticks on SQLite.</summary>
    public static void AddInstant(AdminDbContext db, DbCommand command, string name, DateTimeOffset value) =>
        Add(command, name, db.IsPostgres ? value.ToUniversalTime() : value.UtcTicks);

    private static string Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Op25b.Persistence.Exports.Sql.{name}")
            ?? throw new InvalidOperationException($"SQL resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
