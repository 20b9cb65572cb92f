using Prometheus;

namespace Op25b.Api.Hosting;

public static class TelemetrySetup
{
    /// <summary>
    /// Prometheus text format at <c>/metrics</c>: request rates and latencies per route, plus the
    /// job outcome counters (<see cref="Jobs.JobMetrics"/>). Labels carry routes, never keys.
    /// </summary>
    public static WebApplication UseTelemetry(this WebApplication app)
    {
        app.UseHttpMetrics(o => o.ReduceStatusCodeCardinality());
        app.MapMetrics("/metrics");
        return app;
    }
}
