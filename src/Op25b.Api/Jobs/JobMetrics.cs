using Hangfire.Server;
using Prometheus;

namespace Op25b.Api.Jobs;

/// <summary>Counts job runs by job type and outcome for <c>/metrics</c>.</summary>
public sealed class JobMetrics : IServerFilter
{
    private static readonly Counter Runs = Metrics.CreateCounter(
        "op25b_job_runs_total", "Background job executions by job and outcome.", "job", "outcome");

    public void OnPerforming(PerformingContext context) { }

    public void OnPerformed(PerformedContext context) =>
        Runs.WithLabels(context.BackgroundJob.Job.Type.Name, context.Exception is null ? "succeeded" : "failed").Inc();
}
