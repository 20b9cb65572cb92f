using Hangfire;
using Op25b.Api.Jobs;

namespace Op25b.Api.Rollout;

/// <summary>
/// Anything that changes the compiled policy (an exemption decision, a window passing, a pool,
/// relay, policy or router change) calls <see cref="Notify"/>. The compile is scheduled a
/// moment later so that a burst of changes ends in one compile; compiles are idempotent
/// (an unchanged hash makes no new version), so an extra one costs nothing.
/// </summary>
public sealed class PolicyChangeSignal(IBackgroundJobClient jobs, IConfiguration configuration)
{
    public void Notify(string trigger, string actor)
    {
        var debounce = TimeSpan.FromMilliseconds(configuration.GetValue("RuleSets:CompileDebounceMilliseconds", 500));
        jobs.Schedule<RuleSetCompileJob>(j => j.RunAsync(trigger, actor, CancellationToken.None), debounce);
    }
}
