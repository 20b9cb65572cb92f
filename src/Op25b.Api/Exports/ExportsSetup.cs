using Op25b.Persistence.Exports;
using Op25b.Persistence.Exports.Sources;
using Op25b.Persistence.Retention;

namespace Op25b.Api.Exports;

public static class ExportsSetup
{
    /// <summary>The export kinds offered (one line each), the machinery that writes them, and the audit archive retention uses.</summary>
    public static IServiceCollection AddExports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IExportSource, ExemptionRegisterExport>();
        services.AddScoped<IExportSource, ExemptionChangesExport>();
        services.AddScoped<IExportSource, AuditTrailExport>();
        services.AddScoped<IExportSource, DeploymentEvidenceExport>();
        services.AddScoped<IExportSource, AttemptSummaryExport>();
        services.AddScoped<IExportSource, AbuseCaseHistoryExport>();

        services.Configure<ExportOptions>(configuration.GetSection(ExportOptions.Section));
        services.AddScoped<ExportCatalog>();
        services.AddScoped<ExportRequester>();
        services.AddScoped<ExportRunner>();
        services.AddScoped<ExportDownloads>();
        services.AddSingleton<ExportFiles>();
        services.AddSingleton<ExportProgressBoard>();
        services.AddScoped<AuditArchive>();
        services.AddScoped<Jobs.ExportJob>();
        return services;
    }
}
