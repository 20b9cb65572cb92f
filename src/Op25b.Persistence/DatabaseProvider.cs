namespace Op25b.Persistence;

public enum DatabaseProvider
{
    /// <summary>The embedded default: one file, nothing to install.</summary>
    Sqlite,
    /// <summary>Production: PostgreSQL through Npgsql.</summary>
    Postgres,
}
