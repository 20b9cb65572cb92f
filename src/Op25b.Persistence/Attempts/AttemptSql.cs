using System.Reflection;

namespace Op25b.Persistence.Attempts;

/// <summary>The attempt store's SQL, kept in files beside it (embedded), not in strings scattered through C#.</summary>
internal static class AttemptSql
{
    public static readonly string InsertAttempts = Load("insert-attempts.sql");
    public static readonly string UpsertRollups = Load("upsert-rollups.sql");
    public static readonly string PostgresEnsurePartition = Load("postgres-ensure-partition.sql");
    public static readonly string ReleaseUnattributedRollup = Load("move-rollup.sql");
    public static readonly string PostgresStaging = Load("postgres-staging.sql");
    public static readonly string PostgresInsertFromStaging = Load("postgres-insert-from-staging.sql");
    public static readonly string PostgresCopyIntoStaging = Load("postgres-copy-staging.sql").Trim();

    private static string Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Op25b.Persistence.Attempts.Sql.{name}")
            ?? throw new InvalidOperationException($"SQL resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
