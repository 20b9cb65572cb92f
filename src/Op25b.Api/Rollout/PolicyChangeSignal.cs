using Hangfire;
using Op25b.Api.Jobs;

namespace Op25b.Api.Rollout;

/// <summary>
/// Anything that changes the compiled policy (an exemption decision, a window passing, a pool,
/// relay, policy or router change) calls <see cref="Notify"/>. The compile runs a moment later
/// and reads the state as it is then, so a change arriving while one is already pending joins it
/// instead of scheduling another: a burst of changes ends in one compile. Compiles are idempotent
/// (an unchanged hash makes no new version), so the rare extra one — another host, a change just
/// as the pending one starts — costs nothing.
/// </summary>
public sealed class PolicyChangeSignal(IBackgroundJobClient jobs, IConfiguration configuration, TimeProvider clock)
{
    /// <summary>UTC ticks at which the pending compile (if any) starts. A singleton: one per host.</summary>
    private long _pendingUntil;

    public void Notify(string trigger, string actor)
    {
        var debounce = TimeSpan.FromMilliseconds(configuration.GetValue("RuleSets:CompileDebounceMilliseconds", 500));
        var now = clock.GetUtcNow().UtcTicks;
        var pending = Interlocked.Read(ref _pendingUntil);
        if (pending > now || Interlocked.CompareExchange(ref _pendingUntil, now + debounce.Ticks, pending) != pending)
            return;
        jobs.Schedule<RuleSetCompileJob>(j => j.RunAsync(trigger, actor, CancellationToken.None), debounce);
    }
}
