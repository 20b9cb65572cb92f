using Op25b.Lab;
using Op25b.Persistence;

namespace Op25b.Api.Tests.Infrastructure;

/// <summary>An empty database of one provider, made for one test class.</summary>
public sealed record TestDatabase(DatabaseProvider Provider, string ConnectionString)
{
    public static TestDatabase Create(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => new(provider, PostgresCluster.Instance.CreateDatabase()),
        _ => new(provider, $"Data Source={Path.Combine(Path.GetTempPath(), $"op25b-test-{Guid.NewGuid():N}.db")}"),
    };

    public DatabaseOptions Options => new() { Provider = Provider, ConnectionString = ConnectionString, MigrateOnStart = true };
}
