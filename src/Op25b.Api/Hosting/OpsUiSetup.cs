namespace Op25b.Api.Hosting;

public static class OpsUiSetup
{
    /// <summary>The console's Razor pages live in the ops-ui project and are served under /ops.</summary>
    public static IServiceCollection AddOpsUi(this IServiceCollection services)
    {
        services.AddRazorPages().AddApplicationPart(typeof(Op25b.OpsUi.OpsUiMarker).Assembly);
        return services;
    }

    public static WebApplication UseOpsUi(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
