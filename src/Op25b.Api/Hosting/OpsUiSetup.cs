using Op25b.Api.OpsConsole;
using Op25b.OpsUi.Hosting;
using Op25b.OpsUi.Ports;

namespace Op25b.Api.Hosting;

public static class OpsUiSetup
{
    /// <summary>The console's Razor pages live in the ops-ui project and are served under /ops; its actions run the API's own logic.</summary>
    public static IServiceCollection AddOpsUi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpsConsole(configuration);
        services.AddScoped<IExemptionDecisions, ConsoleExemptionDecisions>();
        services.AddScoped<IRouterRollout, ConsoleRouterRollout>();
        services.AddScoped<IAbuseCaseDesk, ConsoleAbuseCases>();
        services.AddScoped<IAbuseCaseCheck, ConsoleAbuseCaseCheck>();
        services.AddScoped<IAuditorExports, ConsoleAuditorExports>();
        return services;
    }

    /// <summary>Headers and language first: endpoints run where the API's pipeline maps them, so anything after that would come too late.</summary>
    public static WebApplication UseOpsUiMiddleware(this WebApplication app)
    {
        app.UseOpsConsole();
        return app;
    }

    public static WebApplication UseOpsUi(this WebApplication app)
    {
        // The console's stylesheet, script and the vendored chart library, from the ops-ui project (/_content/Op25b.OpsUi/…).
        app.MapStaticAssets();
        app.MapRazorPages();
        return app;
    }
}
