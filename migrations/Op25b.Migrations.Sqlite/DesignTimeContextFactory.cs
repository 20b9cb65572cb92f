using Microsoft.EntityFrameworkCore.Design;
using Op25b.Persistence;

namespace Op25b.Migrations.Sqlite;

/// <summary>Lets `dotnet ef` build the context for this provider without starting the host.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<AdminDbContext>
{
    public AdminDbContext CreateDbContext(string[] args) => new(AdminDbContextOptions.Build(new DatabaseOptions
    {
        Provider = DatabaseProvider.Sqlite,
        // Only the model is needed to add a migration; no connection is opened.
        ConnectionString = "Data Source=design-time.db",
    }));
}
