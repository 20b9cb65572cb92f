namespace Op25b.Persistence;

/// <summary>Bound from the <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>For PostgreSQL, required. For SQLite, optional: defaults to a file under <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }
    public string DataDirectory { get; set; } = "data";
    /// <summary>Apply pending migrations when the host starts. Off where a DBA runs them.</summary>
    public bool MigrateOnStart { get; set; } = true;

    public string ResolveConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
            return ConnectionString;
        if (Provider == DatabaseProvider.Postgres)
            throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is Postgres.");
        Directory.CreateDirectory(DataDirectory);
        return $"Data Source={Path.Combine(Path.GetFullPath(DataDirectory), "op25b.db")}";
    }

    public string MigrationsAssembly => Provider switch
    {
        DatabaseProvider.Postgres => "Op25b.Migrations.Postgres",
        _ => "Op25b.Migrations.Sqlite",
    };
}
