using Microsoft.EntityFrameworkCore;

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
            _ => builder.UseSqlite(connectionString, o => o.MigrationsAssembly(options.MigrationsAssembly)),
        };
        return builder.UseSnakeCaseNamingConvention().AddInterceptors(AfterCommitInterceptor.Instance);
    }

    public static DbContextOptions<AdminDbContext> Build(DatabaseOptions options) =>
        (DbContextOptions<AdminDbContext>)Configure(new DbContextOptionsBuilder<AdminDbContext>(), options).Options;
}
