using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Op25b.Persistence;

/// <summary>Builds context options for a provider; shared by the host and the design-time factories.</summary>
public static class AdminDbContextOptions
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        var connectionString = options.ResolveConnectionString();
        _ = options.Provider switch
        {
            DatabaseProvider.Postgres => builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(options.MigrationsAssembly)),
            // SQLite alters a table by rebuilding it, with foreign keys switched off by a PRAGMA that
            // cannot run inside the migration's transaction. EF warns about that on every such
            // migration although nothing is wrong, and a first start looked like it had failed.
            _ => builder.UseSqlite(connectionString, o => o.MigrationsAssembly(options.MigrationsAssembly))
                .ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug))),
        };
        return builder.UseSnakeCaseNamingConvention().AddInterceptors(AfterCommitInterceptor.Instance);
    }

    public static DbContextOptions<AdminDbContext> Build(DatabaseOptions options) =>
        (DbContextOptions<AdminDbContext>)Configure(new DbContextOptionsBuilder<AdminDbContext>(), options).Options;
}
