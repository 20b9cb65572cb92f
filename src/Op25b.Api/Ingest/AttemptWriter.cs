using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Op25b.Core.Attempts;
using Op25b.Persistence;
using Op25b.Persistence.Attempts;

namespace Op25b.Api.Ingest;

/// <summary>
/// Drains the queue in batches (up to BatchSize records or BatchMilliseconds, whichever first)
/// into the attempt store; unparseable input and records from unknown routers or outside the
/// retention window go to the quarantine with the reason.
/// </summary>
public sealed class AttemptWriter(
    AttemptQueue queue, IServiceScopeFactory scopes, DatabaseOptions database, IngestCounters counters, TimeProvider clock, IOptions<IngestOptions> options,
    IConfiguration configuration, ILogger<AttemptWriter> log) : BackgroundService
{
    /// <summary>Registered routers and when they were read: one reference, swapped whole, because writers run concurrently.</summary>
    private sealed record KnownRouters(HashSet<string> Names, DateTimeOffset LoadedAt);

    private volatile KnownRouters _routers = new(new HashSet<string>(StringComparer.OrdinalIgnoreCase), DateTimeOffset.MinValue);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writers = options.Value.WritersFor(database);
        var storing = new List<Task>();
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            var batch = new List<IngestItem>(options.Value.BatchSize);
            using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            window.CancelAfter(options.Value.BatchMilliseconds);
            try
            {
                while (batch.Count < options.Value.BatchSize)
                {
                    if (queue.Reader.TryRead(out var item))
                        batch.Add(item);
                    else if (!await queue.Reader.WaitToReadAsync(window.Token))
                        break;
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // the batching window closed: store what there is
            }

            // While batches are stored, the next one is collected; at most `writers` are stored at once.
            storing.Add(StoreOrRescueAsync(batch, stoppingToken));
            if (storing.Count >= writers)
                storing.Remove(await Task.WhenAny(storing));
        }
        await Task.WhenAll(storing);
    }

    private async Task StoreOrRescueAsync(List<IngestItem> batch, CancellationToken ct)
    {
        try
        {
            await StoreAsync(batch, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Storing {Count} ingested records failed; they are retried once, then quarantined", batch.Count);
            await RetryOrQuarantineAsync(batch, ex, ct);
        }
    }

    private async Task StoreAsync(IReadOnlyList<IngestItem> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdminDbContext>();
        var now = clock.GetUtcNow();
        var routers = await RoutersAsync(db, now, ct);
        var retention = TimeSpan.FromDays(configuration.GetValue("Retention:AttemptsDays", 180));

        var good = new List<BlockedAttempt>();
        foreach (var item in batch)
        {
            var error = item.Error ?? AttemptValidation.Check(item.Record!, now, retention, routers);
            if (error is null)
            {
                good.Add(BlockedAttempt.From(item.Record!, item.Channel, item.ReceivedAt));
                continue;
            }
            db.Quarantine.Add(new QuarantinedInput
            {
                ReceivedAt = item.ReceivedAt, Channel = item.Channel, Origin = item.Origin,
                Raw = Cap(item.Raw ?? item.Record?.ToString() ?? ""), Reason = Cap(error, 1000),
            });
            counters.Quarantine(item.Channel);
        }
        await db.SaveChangesAsync(ct);
        foreach (var channel in good.GroupBy(a => a.Channel))
        {
            var list = channel.ToList();
            var result = await scope.ServiceProvider.GetRequiredService<AttemptStore>().StoreAsync(list, ct);
            counters.Stored(channel.Key, result.Inserted, result.Duplicates, now, now - list.Min(a => a.ReceivedAt));
        }
    }

    private async Task RetryOrQuarantineAsync(IReadOnlyList<IngestItem> batch, Exception failure, CancellationToken ct)
    {
        try
        {
            await StoreAsync(batch, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Retry failed: quarantining {Count} records", batch.Count);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AdminDbContext>();
            db.Quarantine.AddRange(batch.Select(i => new QuarantinedInput
            {
                ReceivedAt = i.ReceivedAt, Channel = i.Channel, Origin = i.Origin, Raw = Cap(i.Raw ?? i.Record?.ToString() ?? ""),
                Reason = Cap($"storage failed: {failure.Message}", 1000),
            }));
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task<HashSet<string>> RoutersAsync(AdminDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        // Registering a router must take effect quickly, but not cost a query per batch.
        var known = _routers;
        if (now - known.LoadedAt < TimeSpan.FromSeconds(5))
            return known.Names;
        var names = (await db.Routers.AsNoTracking().Select(r => r.Name).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        _routers = new KnownRouters(names, now);
        return names;
    }

    private static string Cap(string text, int max = 8192) => text.Length <= max ? text : text[..max];
}
