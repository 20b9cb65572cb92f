using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Core.Attempts;
using Op25b.Core.Exemptions;
using Op25b.OpsUi.Hosting;
using Op25b.Persistence;
using Op25b.Persistence.Attempts;
using Op25b.Persistence.Deployments;

namespace Op25b.OpsUi.Pages;

/// <summary>The desk's first look: who is hammering port 25, where to, through which router, and whether every router is current.</summary>
/// <remarks>
/// The attempt figures are independent reads of different rollups: each runs on its own scope
/// (its own connection) at the same time, so the page costs about its slowest read, not their sum.
/// </remarks>
public sealed class IndexModel(IServiceScopeFactory scopes, RouterStatusReader routers, AdminDbContext db, ConsoleTime time) : PageModel
{
    public const int TopCount = 10;

    public IReadOnlyList<SubscriberTotal> Top24h { get; private set; } = [];
    public IReadOnlyList<SubscriberTotal> Top7d { get; private set; } = [];
    public IReadOnlyList<DestinationTotal> TopDestinations { get; private set; } = [];
    public IReadOnlyList<RouterTotal> PerRouter { get; private set; } = [];
    public IReadOnlyList<(ExemptionStatus Status, int Count)> ExemptionsByState { get; private set; } = [];
    public IReadOnlyList<RouterStatus> Routers { get; private set; } = [];
    /// <summary>The chart's series as JSON, handed to the script in a data attribute (the CSP forbids inline script).</summary>
    public string ChartJson { get; private set; } = "{}";
    public long Total7d { get; private set; }

    private async Task<T> ReadAsync<T>(Func<AttemptStatistics, Task<T>> read)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<AttemptStatistics>());
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = time.Now;
        var weekAgo = now.AddDays(-7);
        var perHour = ReadAsync(s => s.PerHourAsync(weekAgo, now, null, ct));
        var top24h = ReadAsync(s => s.TopSubscribersAsync(now.AddHours(-24), now, TopCount, ct));
        var top7d = ReadAsync(s => s.TopSubscribersAsync(weekAgo, now, TopCount, ct));
        var destinations = ReadAsync(s => s.TopDestinationsAsync(weekAgo, now, TopCount, null, ct));
        var perRouter = ReadAsync(s => s.PerRouterAsync(weekAgo, now, ct));
        await Task.WhenAll(perHour, top24h, top7d, destinations, perRouter);
        Total7d = perHour.Result.Sum(h => h.Attempts);
        ChartJson = HourSeries.ToJson(perHour.Result, weekAgo, now, time);
        (Top24h, Top7d, TopDestinations, PerRouter) = (top24h.Result, top7d.Result, destinations.Result, perRouter.Result);
        var states = await db.Exemptions.AsNoTracking().GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        ExemptionsByState = Enum.GetValues<ExemptionStatus>().Select(s => (s, states.FirstOrDefault(x => x.Key == s)?.Count ?? 0)).ToList();
        Routers = await routers.ListAsync(ct);
    }
}

/// <summary>Every hour of a window, zero where the rollup has no row, labelled in the console's zone.</summary>
public static class HourSeries
{
    public static string ToJson(IReadOnlyList<HourTotal> totals, DateTimeOffset from, DateTimeOffset to, ConsoleTime time)
    {
        var byHour = totals.ToDictionary(t => t.Hour.UtcTicks, t => t.Attempts);
        var first = RollupBuckets.Hour(from);
        var labels = new List<string>();
        var values = new List<long>();
        for (var hour = first; hour < to; hour = hour.AddHours(1))
        {
            labels.Add(time.Hour(hour));
            values.Add(byHour.GetValueOrDefault(hour.UtcTicks));
        }
        return JsonSerializer.Serialize(new { labels, values });
    }
}
