using Microsoft.Data.Sqlite;
using Op25b.Lab;
using Op25b.Persistence;

namespace Op25b.Api.Tests.Infrastructure;

/// <summary>An empty database of one provider, made for one test class.</summary>
public sealed record TestDatabase(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>A new database; a SQLite file is created inside <paramref name="directory"/>, which its owner deletes.</summary>
    public static TestDatabase Create(DatabaseProvider provider, string directory) => provider switch
    {
        DatabaseProvider.Postgres => new(provider, PostgresCluster.Instance.CreateDatabase()),
        _ => new(provider, $"Data Source={Path.Combine(directory, "op25b.db")}"),
    };

    public DatabaseOptions Options => new() { Provider = Provider, ConnectionString = ConnectionString, MigrateOnStart = true };

    /// <summary>
    /// Lets go of the SQLite file so its folder can be deleted (pooled connections keep it open).
    /// A PostgreSQL database goes with the throwaway cluster.
    /// </summary>
    public void Release()
    {
        if (Provider == DatabaseProvider.Sqlite)
            SqliteConnection.ClearAllPools();
    }
}
