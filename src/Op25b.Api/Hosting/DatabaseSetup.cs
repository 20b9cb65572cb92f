using Microsoft.EntityFrameworkCore;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Hosting;

public static class DatabaseSetup
{
    public static DatabaseOptions GetDatabaseOptions(this IConfiguration configuration) =>
        configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

    public static IServiceCollection AddAdminDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetDatabaseOptions();
        services.AddSingleton(options);
        services.AddDbContext<AdminDbContext>(b => AdminDbContextOptions.Configure(b, options));
        services.AddSingleton((configuration.GetSection(AuditOptions.Section).Get<AuditOptions>() ?? new AuditOptions())
            .WithDefaultsUnder(options.DataDirectory));
        services.AddSingleton<HostTurns>();
        services.AddSingleton<AuditKeyStore>();
        services.AddSingleton<AuditCheckpointLog>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<Op25b.Persistence.Exemptions.ExemptionsOfAddress>();
        services.AddScoped<Op25b.Persistence.Integrity.IdempotencyClaims>();
        services.AddScoped<AuditVerifier>();
        services.AddSingleton(configuration.GetSection("AddressSpace").Get<Op25b.Core.Addressing.AddressLimits>() ?? Op25b.Core.Addressing.AddressLimits.Defaults);
        services.AddScoped<Op25b.Persistence.Addressing.AddressSpaceGuard>();
        services.AddScoped<Op25b.Persistence.Addressing.AddressSpaceCheck>();
        services.AddScoped<Op25b.Persistence.Access.ApiKeyRegistry>();
        services.AddScoped<Op25b.Persistence.Access.ConsoleUserRegistry>();
        services.AddScoped<Op25b.Persistence.Access.ConsoleSignIn>();
        services.AddScoped<Op25b.Persistence.Access.ConsoleSessions>();
        services.AddSingleton<Op25b.Persistence.Access.ConsoleSessionCache>();
        services.AddSingleton<Op25b.Persistence.Access.SignInThrottle>();
        services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<Op25b.Core.Access.ConsoleUser>,
            Microsoft.AspNetCore.Identity.PasswordHasher<Op25b.Core.Access.ConsoleUser>>();
        services.AddScoped<Op25b.Persistence.Attempts.AttemptStatistics>();
        services.AddScoped<Op25b.Persistence.Deployments.RouterStatusReader>();
        services.AddScoped<Op25b.Persistence.Attempts.AttemptStore>();
        services.AddScoped<Op25b.Api.Features.Attempts.IngestBatch.BatchIngestor>();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        services.AddSharedDataProtection(configuration);
        return services;
    }

    /// <summary>Applies pending migrations when configured to; a DBA may prefer the <c>migrate</c> CLI command.</summary>
    public static async Task MigrateIfConfiguredAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        if (!services.GetRequiredService<DatabaseOptions>().MigrateOnStart)
            return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdminDbContext>();
        // Replicas starting together on a fresh database both created the schema (one died with
        // 42P07): they take turns, so the second finds the migrations applied. The turn is a session
        // lock on an unpooled connection: a pooled one would keep the session, and the lock, after close.
        await using var turn = await scope.ServiceProvider.GetRequiredService<HostTurns>().TakeAsync(db, TurnKeys.Migration, ct);
        await db.Database.MigrateAsync(ct);
    }
}
