using Hangfire;
using Op25b.Api.Jobs;

namespace Op25b.Api.Rollout;

/// <summary>
/// A nudge, not the record: the change itself already wrote its compile request to the outbox in
/// its own transaction (see <c>PolicyChangeOutbox</c>), and the rollout loop drains it within one
/// reconcile interval whatever happens here. <see cref="Notify"/> only drains sooner: a moment
/// later, so a burst of changes ends in one compile.
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
