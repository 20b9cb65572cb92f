using System.Reflection;

namespace Op25b.Persistence.Attempts;

/// <summary>The attempt store's SQL, kept in files beside it (embedded), not in strings scattered through C#.</summary>
internal static class AttemptSql
{
    /// <summary>The one definition of "who held this source then", shared by ingest and late attribution.</summary>
    private static readonly string HolderOfSource = Load("holder-of-source.sql");

    public static readonly string UpsertRollups = Load("upsert-rollups.sql");
    public static readonly string UpsertRouterHours = Load("upsert-router-hours.sql");
    public static readonly string UpsertDestinationDays = Load("upsert-destination-days.sql");
    public static readonly string PostgresEnsurePartition = Load("postgres-ensure-partition.sql");
    public static readonly string ReleaseUnattributedRollup = Load("move-rollup.sql");
    private static readonly string ReleaseUnattributedSubscriberPeriod = Load("move-subscriber-period.sql");
    public static readonly string ReleaseUnattributedSubscriberHour = SubscriberHours(ReleaseUnattributedSubscriberPeriod);
    public static readonly string ReleaseUnattributedSubscriberDay = SubscriberDays(ReleaseUnattributedSubscriberPeriod);
    public static readonly string PostgresStaging = Load("postgres-staging.sql");
    public static readonly string PostgresCopyIntoStaging = Load("postgres-copy-staging.sql").Trim();
    public static readonly string SqliteStaging = Load("sqlite-staging.sql");
    public static readonly string SqliteFillStaging = Load("sqlite-fill-staging.sql");
    private static readonly string InsertFromStaging = Load("insert-from-staging.sql").Replace("{holder}", HolderOfSource);
    public static readonly string SqliteInsertFromStaging = InsertFromStaging.Replace("{fence}", "LIMIT -1 OFFSET 0");
    public static readonly string PostgresStoreFromStaging = Load("postgres-store-from-staging.sql")
        .Replace("{insert}", InsertFromStaging.Replace("{fence}", "OFFSET 0"));
    public static readonly string AttributeLate = Load("attribute-late.sql").Replace("{holder}", HolderOfSource);

    private static readonly string UpsertSubscriberPeriod = Load("upsert-subscriber-period.sql");
    private static readonly string UpsertSubscriberHours = SubscriberHours(UpsertSubscriberPeriod);
    private static readonly string UpsertSubscriberDays = SubscriberDays(UpsertSubscriberPeriod);
    private static readonly string UpsertSubscriberDestinations = Load("upsert-subscriber-destinations.sql");

    public static string UpsertSubscriberHoursFor(bool postgres) => TwoArgumentMinMax(UpsertSubscriberHours, postgres);

    public static string UpsertSubscriberDaysFor(bool postgres) => TwoArgumentMinMax(UpsertSubscriberDays, postgres);

    public static string UpsertSubscriberDestinationsFor(bool postgres) => TwoArgumentMinMax(UpsertSubscriberDestinations, postgres);

    /// <summary>PostgreSQL's min and max are aggregates only; SQLite's are also the two-argument scalars.</summary>
    private static string TwoArgumentMinMax(string sql, bool postgres) =>
        sql.Replace("{least}", postgres ? "LEAST" : "MIN").Replace("{greatest}", postgres ? "GREATEST" : "MAX");

    private static string SubscriberHours(string sql) => sql.Replace("{table}", "attempt_rollups_subscriber_hourly").Replace("{bucket}", "hour");

    private static string SubscriberDays(string sql) => sql.Replace("{table}", "attempt_rollups_subscriber_daily").Replace("{bucket}", "day");

    private static string Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Op25b.Persistence.Attempts.Sql.{name}")
            ?? throw new InvalidOperationException($"SQL resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
