namespace Op25b.Api.Ingest;

public static class IngestSetup
{
    /// <summary>Listeners for router logs (syslog, ulogd2 JSON) and the writer that stores what they receive. Off with Ingest:Enabled=false.</summary>
    public static IServiceCollection AddIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IngestOptions>(configuration.GetSection(IngestOptions.Section));
        services.AddSingleton<IngestSpool>();
        services.AddHealthChecks().AddCheck<IngestSpoolCheck>("ingest-spool", tags: ["ready"]);
        services.AddSingleton<IngestCounters>();
        services.AddSingleton<AttemptQueue>();
        services.AddSingleton<BoundPorts>();
        services.AddSingleton<RouterLines>();
        services.AddSingleton<RouterDirectory>();
        if (configuration.GetValue("Ingest:Enabled", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<RouterDirectory>());
            services.AddHostedService<AttemptWriter>();
            services.AddHostedService<SyslogListeners>();
            services.AddHostedService<UlogdListener>();
        }
        return services;
    }
}
