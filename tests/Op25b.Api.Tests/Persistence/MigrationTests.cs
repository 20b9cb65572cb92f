using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Persistence;

namespace Op25b.Api.Tests.Persistence;

/// <summary>
/// Each provider's migrations must match the model (EF refuses to migrate when one lags) and
/// must build the schema on an empty database.
/// </summary>
public abstract class MigrationTests(DatabaseProvider provider) : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _scratch.Dispose();
    }

    [Fact]
    public void The_migrations_match_the_model_so_no_migration_is_missing()
    {
        using var db = new AdminDbContext(AdminDbContextOptions.Build(TestDatabase.Create(provider, _scratch.Path).Options));
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} migrations lag the model: run migrations/add-migration.sh <Name> to add one to both providers.");
    }

    [Fact]
    public async Task All_migrations_apply_to_an_empty_database()
    {
        await using var db = new AdminDbContext(AdminDbContextOptions.Build(TestDatabase.Create(provider, _scratch.Path).Options));
        await db.Database.MigrateAsync();
        var applied = await db.Database.GetAppliedMigrationsAsync();
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Equal(3, await db.Products.CountAsync());
        Assert.Equal(provider == DatabaseProvider.Postgres, db.IsPostgres);
    }

    [Fact]
    public void Both_providers_have_migrations_with_the_same_names()
    {
        static IEnumerable<string> Names(DatabaseProvider p)
        {
            using var db = new AdminDbContext(AdminDbContextOptions.Build(new DatabaseOptions
            {
                Provider = p,
                ConnectionString = p == DatabaseProvider.Postgres ? "Host=unused" : "Data Source=:memory:",
            }));
            return db.GetService<IMigrationsAssembly>().Migrations.Keys.Select(id => id[15..]).ToList();
        }
        Assert.Equal(Names(DatabaseProvider.Sqlite), Names(DatabaseProvider.Postgres));
    }
}

public sealed class MigrationTests_on_Sqlite() : MigrationTests(DatabaseProvider.Sqlite);

public sealed class MigrationTests_on_Postgres() : MigrationTests(DatabaseProvider.Postgres);
