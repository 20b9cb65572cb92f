namespace Op25b.Api.Rollout;

/// <summary>
/// At start-up and then every reconcile interval: drain the policy change outbox and reconcile
/// every router. Signals (a change, a deployment ending) only make this happen sooner; this loop
/// is why losing a signal — a host killed, in-process job storage forgetting at restart — delays
/// enforcement by at most one interval.
/// </summary>
public sealed class RolloutLoop(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<RolloutLoop> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = RolloutTimings.From(configuration).ReconcileInterval;
        var trigger = "start-up";
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (!await scope.ServiceProvider.GetRequiredService<PolicyChangeDrain>().RunAsync(stoppingToken))
                    await scope.ServiceProvider.GetRequiredService<RouterReconciler>().RunAsync(trigger, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be down for a moment; the next tick tries again.
                log.LogWarning(e, "Rollout pass failed");
            }
            trigger = "periodic reconcile";
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
