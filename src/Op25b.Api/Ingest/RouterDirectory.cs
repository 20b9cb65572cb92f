using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Op25b.Core.Attempts;
using Op25b.Core.Network;
using Op25b.Core.RuleSets;
using Op25b.Persistence;

namespace Op25b.Api.Ingest;

/// <summary>
/// Which router a syslog source address belongs to, its log zone, and the names its deployed rule
/// set rendered. Re-read from the database every few seconds (and soon after a router changes),
/// so the listeners' hot path is a dictionary lookup on an immutable snapshot.
/// </summary>
public sealed class RouterDirectory(IServiceScopeFactory scopes, IOptions<IngestOptions> options, ILogger<RouterDirectory> log) : BackgroundService
{
    private sealed record Snapshot(Dictionary<IPAddress, RouterLogProfile> BySource, Dictionary<string, RouterLogProfile> ByName);

    private volatile Snapshot _snapshot = new([], new(StringComparer.OrdinalIgnoreCase));
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _lookAgain = new(0, 1);
    /// <summary>Policies of deployed rule set versions: immutable, so read once per version.</summary>
    private readonly Dictionary<long, BlockingPolicy> _versionPolicies = [];

    /// <summary>Completes when the first snapshot is in place; listeners wait for it before accepting lines.</summary>
    public Task Loaded => _loaded.Task;

    public RouterLogProfile? BySource(IPAddress address) =>
        _snapshot.BySource.GetValueOrDefault(RouterSyslogSource.Normalize(address));

    public RouterLogProfile? ByName(string name) => _snapshot.ByName.GetValueOrDefault(name);

    /// <summary>A router changed: read again now instead of at the next interval.</summary>
    public void Changed()
    {
        if (_lookAgain.CurrentCount == 0)
        {
            try { _lookAgain.Release(); }
            catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.RouterRefreshSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _snapshot = await LoadAsync(stoppingToken);
                _loaded.TrySetResult();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Keep the last snapshot: a database hiccup must not make every router unknown.
                log.LogError(ex, "Reading the routers' syslog sources failed; keeping the previous list");
            }
            try
            {
                await _lookAgain.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<Snapshot> LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdminDbContext>();
        var routers = await db.Routers.AsNoTracking().Include(r => r.SyslogSources).ToListAsync(ct);
        var current = (await db.PolicySettings.AsNoTracking().SingleAsync(ct)).ToPolicy();
        var missing = routers.Select(r => r.LiveRuleSetVersionId).OfType<long>().Distinct().Where(id => !_versionPolicies.ContainsKey(id)).ToList();
        foreach (var version in await db.RuleSetVersions.AsNoTracking().Where(v => missing.Contains(v.Id)).Select(v => new { v.Id, v.Content }).ToListAsync(ct))
            _versionPolicies[version.Id] = RuleSetCanonical.Parse(version.Content).Policy;

        var bySource = new Dictionary<IPAddress, RouterLogProfile>();
        var byName = new Dictionary<string, RouterLogProfile>(StringComparer.OrdinalIgnoreCase);
        foreach (var router in routers)
        {
            // The names come from what the router runs; a router nothing was deployed to yet
            // (an export not confirmed) would render the current policy's names.
            var policy = router.LiveRuleSetVersionId is { } id && _versionPolicies.TryGetValue(id, out var live) ? live : current;
            var profile = new RouterLogProfile(router.Name, LogZone.Of(router.LogTimeZone), OwnLogNames.For(router.Platform, policy));
            byName[router.Name] = profile;
            foreach (var source in router.SyslogSources)
                bySource[RouterSyslogSource.Normalize(source.Address)] = profile;
        }
        return new Snapshot(bySource, byName);
    }
}
