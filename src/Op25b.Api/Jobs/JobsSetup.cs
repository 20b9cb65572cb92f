using Hangfire;
using Hangfire.PostgreSql;
using Op25b.Persistence;

namespace Op25b.Api.Jobs;

public static class JobsSetup
{
    /// <summary>
    /// Job storage follows the database: PostgreSQL storage in production, in-process storage
    /// on the embedded SQLite default (jobs then do not survive a restart, which the recurring
    /// jobs tolerate because each run recomputes its work from the database).
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddHangfire(cfg =>
        {
            cfg.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseFilter(new JobMetrics());
            if (database.Provider == DatabaseProvider.Postgres)
                cfg.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(database.ResolveConnectionString()));
            else
                cfg.UseInMemoryStorage();
        });
        if (configuration.GetValue("Jobs:RunServer", true))
            services.AddHostedService<Rollout.RolloutLoop>().AddHangfireServer(o =>
            {
                o.WorkerCount = configuration.GetValue("Jobs:WorkerCount", 4);
                // Compiles are scheduled a moment after a change (debounce); the default 15 s polling
                // would put that much delay between an approval and its enforcement.
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
        services.AddScoped<ExemptionWindowJob>();
        services.AddScoped<RuleSetCompileJob>();
        services.AddScoped<DeployJob>();
        services.AddScoped<DriftCheckJob>();
        services.AddScoped<AttributionJob>();
        services.AddScoped<RetentionJob>();
        services.AddScoped<AttemptPartitionsJob>();
        services.AddScoped<Op25b.Persistence.Attempts.LateAttribution>();
        services.AddScoped<Op25b.Persistence.Retention.RetentionPurge>();
        services.Configure<Op25b.Persistence.Retention.RetentionPolicy>(configuration.GetSection(Op25b.Persistence.Retention.RetentionPolicy.Section));
        return services;
    }

    /// <summary>Every recurring job is registered here, in one place.</summary>
    public static WebApplication UseJobs(this WebApplication app)
    {
        // Behind the console's sign-in: the endpoint's policy sends a browser without an admin
        // cookie to the login page (or "access denied"); the filter re-checks the role.
        app.MapHangfireDashboard("/ops/jobs", new DashboardOptions
        {
            AsyncAuthorization = [new AdminOnlyDashboard()],
            DashboardTitle = "OP25B jobs",
            AppPath = "/ops",
        }).RequireAuthorization(Op25b.OpsUi.Hosting.ConsoleAuth.Admins);
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<ExemptionWindowJob>("exemption-windows", j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<DriftCheckJob>("drift-check", j => j.RunAsync(CancellationToken.None), "*/5 * * * *");
        recurring.AddOrUpdate<AttributionJob>("late-attribution", j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<RetentionJob>("retention", j => j.RunAsync(CancellationToken.None), Cron.Daily(3));
        // Hourly, though a day is created days ahead: a missed run or a restart never leaves writers without tomorrow.
        recurring.AddOrUpdate<AttemptPartitionsJob>("attempt-partitions", j => j.RunAsync(CancellationToken.None), Cron.Hourly());
        // Every 5 minutes: the rollup it reads is hourly, so more often would only repeat the same answer.
        recurring.AddOrUpdate<OffenderCaseJob>("offender-cases", j => j.RunAsync(CancellationToken.None), "*/5 * * * *");
        return app;
    }
}
