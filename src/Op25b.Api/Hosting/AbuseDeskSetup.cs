using Op25b.Api.Jobs;
using Op25b.Core.Abuse;
using Op25b.Persistence.Abuse;
using Op25b.Routers.Smtp;

namespace Op25b.Api.Hosting;

/// <summary>Offender detection, abuse cases and the impact-check probe: what the abuse desk's API and console share.</summary>
public static class AbuseDeskSetup
{
    public static IServiceCollection AddAbuseDesk(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OffenderThresholds>(configuration.GetSection(OffenderThresholds.Section));
        services.Configure<SmtpProbeOptions>(configuration.GetSection(SmtpProbeOptions.Section));
        services.AddScoped<OffenderDetector>();
        services.AddScoped<AbuseCaseQueries>();
        services.AddScoped<AbuseCaseService>();
        services.AddScoped<OffenderCaseOpener>();
        services.AddScoped<OffenderCaseJob>();
        services.AddTransient(sp => new SmtpSubmissionProbe(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SmtpProbeOptions>>().Value));
        return services;
    }
}
