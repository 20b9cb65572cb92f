using Op25b.Routers.Nftables;

namespace Op25b.Api.Rollout;

public static class RolloutSetup
{
    public static IServiceCollection AddRollout(this IServiceCollection services)
    {
        services.AddSingleton<PolicyChangeSignal>();
        services.AddScoped<PolicySnapshotLoader>();
        services.AddScoped<RuleSetPublisher>();
        services.AddSingleton<CompileTurn>();
        services.AddScoped<DeploymentPlanning>();
        services.AddScoped<RouterReconciler>();
        services.AddScoped<PolicyChangeDrain>();
        services.AddSingleton<DeploymentHost>();
        services.AddScoped<ManualDeploy>();
        services.AddScoped<HeldDeploymentRelease>();
        services.AddScoped<DeploymentRunner>();
        services.AddSingleton<RouterCredentials>();
        services.AddSingleton<NftablesSshDriver>();
        return services;
    }
}
