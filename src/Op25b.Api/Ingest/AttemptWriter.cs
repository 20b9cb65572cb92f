using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Op25b.Core.Attempts;
using Op25b.Core.Attempts.Chunks;
using Op25b.Persistence;
using Op25b.Persistence.Attempts;

namespace Op25b.Api.Ingest;

/// <summary>
/// Drains the queue in batches (up to BatchSize records or BatchMilliseconds, whichever first)
/// into the attempt store; unparseable input and records from unknown routers or outside the
/// retention window go to the quarantine with the reason. A batch the database cannot take now
/// goes to the local spool, and while the spool holds anything newer batches queue behind it
/// there, so lines are stored in the order they came; the spool is replayed oldest first.
/// </summary>
public sealed class AttemptWriter(
    AttemptQueue queue, IServiceScopeFactory scopes, DatabaseOptions database, IngestCounters counters, TimeProvider clock, IOptions<IngestOptions> options,
    IConfiguration configuration, IngestSpool spool, ILogger<AttemptWriter> log) : BackgroundService
{
    /// <summary>How often the replay looks at an empty spool, and waits after the database refused a segment.</summary>
    private static readonly TimeSpan ReplayIdle = TimeSpan.FromMilliseconds(200), ReplayRetry = TimeSpan.FromSeconds(1);

    /// <summary>Registered routers and when they were read: one reference, swapped whole, because writers run concurrently.</summary>
    private sealed record KnownRouters(HashSet<string> Names, DateTimeOffset LoadedAt);

    private volatile KnownRouters _routers = new(new HashSet<string>(StringComparer.OrdinalIgnoreCase), DateTimeOffset.MinValue);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var replaying = ReplayAsync(stoppingToken);
        var collecting = new List<IngestItem>();
        var storing = new List<Task>();
        try
        {
            await DrainQueueAsync(collecting, storing, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Stopping: batches being stored spool themselves if cut short; the batch being collected and
        // what is still queued in memory go to the spool rather than away.
        await Task.WhenAll(storing);
        while (queue.Reader.TryRead(out var item))
            collecting.Add(item);
        await SpoolOrLoseAsync(collecting);
        await replaying;
    }

    private async Task DrainQueueAsync(List<IngestItem> batch, List<Task> storing, CancellationToken stoppingToken)
    {
        var writers = options.Value.WritersFor(database);
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
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
            storing.Add(StoreOrSpoolAsync([.. batch], stoppingToken));
            batch.Clear();
            if (storing.Count >= writers)
                storing.Remove(await Task.WhenAny(storing));
        }
    }

    private async Task StoreOrSpoolUntilStoppedAsync(List<IngestItem> batch, CancellationToken ct)
    {
        if (spool.IsEmpty)
        {
            try
            {
                await StoreAsync(batch, ct);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && DatabaseUnavailable.Is(ex))
            {
                log.LogWarning(ex, "The database cannot store {Count} ingested records now: they go to the spool", batch.Count);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (await TryQuarantineAsync(batch, ex, ct))
                    return;
            }
        }
        // Full: wait for the replay to make room. Meanwhile the queue fills, TCP senders are held
        // back by flow control and UDP datagrams that do not fit are dropped and counted.
        try
        {
            while (!await spool.TryAppendAsync(batch, ct))
                await Task.Delay(ReplayIdle, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Lose(batch, ex);
        }
    }

    /// <summary>
    /// Wraps storing so that a stop never drops a batch: cut short, it goes to the spool (had it
    /// committed after all, its replay finds its attempts as duplicates).
    /// </summary>
    private async Task StoreOrSpoolAsync(List<IngestItem> batch, CancellationToken ct)
    {
        try
        {
            await StoreOrSpoolUntilStoppedAsync(batch, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await SpoolOrLoseAsync(batch);
        }
    }

    private async Task SpoolOrLoseAsync(List<IngestItem> batch)
    {
        try
        {
            // Stopping: the bound yields to keeping what was received.
            if (!await spool.TryAppendAsync(batch, CancellationToken.None, ignoreBound: true))
                Lose(batch, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Lose(batch, ex);
        }
    }

    private void Lose(List<IngestItem> batch, Exception? cause)
    {
        log.LogCritical(cause, "The spool cannot take {Count} ingested records: they are lost", batch.Count);
        foreach (var channel in batch.GroupBy(i => i.Channel))
            counters.Lose(channel.Key, channel.Count());
    }

    /// <summary>Stores the spool's segments oldest first, each deleted once stored; waits while the database is away.</summary>
    private async Task ReplayAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                (long, List<IngestItem>)? oldest;
                try
                {
                    oldest = await spool.OldestAsync(ct);
                }
                catch (InvalidDataException ex)
                {
                    log.LogCritical(ex, "A spool segment cannot be read; it was set aside and replay goes on with the next");
                    continue;
                }
                if (oldest is null)
                {
                    await Task.Delay(ReplayIdle, ct);
                    continue;
                }
                var (sequence, items) = oldest.Value;
                try
                {
                    await StoreAsync(items, ct);
                    spool.Remove(sequence);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (!DatabaseUnavailable.Is(ex) && await TryQuarantineAsync(items, ex, ct))
                        spool.Remove(sequence);
                    else
                        await Task.Delay(ReplayRetry, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task StoreAsync(IReadOnlyList<IngestItem> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdminDbContext>();
        var now = clock.GetUtcNow();
        var routers = await RoutersAsync(db, now, ct);
        var retention = TimeSpan.FromDays(configuration.GetValue("Retention:AttemptsDays", 180));

        var good = new Dictionary<string, (AttemptChunk Rows, DateTimeOffset Oldest)>();
        var refused = new List<QuarantinedInput>();
        foreach (var item in batch)
        {
            var error = item.Error ?? AttemptValidation.Check(item.Record!, now, retention, routers);
            if (error is null)
            {
                var (rows, oldest) = good.TryGetValue(item.Channel, out var known) ? known : (AttemptChunk.Rent(), item.ReceivedAt);
                rows.Add(AttemptRows.From(item.Record!, item.Channel, item.ReceivedAt));
                good[item.Channel] = (rows, item.ReceivedAt < oldest ? item.ReceivedAt : oldest);
            }
            else
                refused.Add(new QuarantinedInput
                {
                    ReceivedAt = item.ReceivedAt, Channel = item.Channel, Origin = item.Origin,
                    Raw = Cap(item.Raw ?? item.Record?.ToString() ?? ""), Reason = Cap(error, 1000),
                });
        }
        // Attempts first: if the quarantine then fails, the whole batch is stored again later and its
        // attempts come back as duplicates, while quarantined lines would be counted twice the other way round.
        try
        {
            foreach (var (channel, (rows, oldest)) in good)
            {
                var result = await scope.ServiceProvider.GetRequiredService<AttemptStore>().StoreAsync(rows, ct);
                counters.Stored(channel, result.Inserted, result.Duplicates, now, now - oldest);
            }
        }
        finally
        {
            foreach (var (rows, _) in good.Values)
                rows.Return();
        }
        db.Quarantine.AddRange(refused);
        await db.SaveChangesAsync(ct);
        foreach (var entry in refused)
            counters.Quarantine(entry.Channel);
    }

    /// <summary>Storing failed for a reason other than the database being away (a bug, a refused row): the batch is kept verbatim in the quarantine with the reason.</summary>
    private async Task<bool> TryQuarantineAsync(IReadOnlyList<IngestItem> batch, Exception failure, CancellationToken ct)
    {
        log.LogError(failure, "Storing {Count} ingested records failed: quarantining them", batch.Count);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AdminDbContext>();
            db.Quarantine.AddRange(batch.Select(i => new QuarantinedInput
            {
                ReceivedAt = i.ReceivedAt, Channel = i.Channel, Origin = i.Origin, Raw = Cap(i.Raw ?? i.Record?.ToString() ?? ""),
                Reason = Cap($"storage failed: {failure.Message}", 1000),
            }));
            await db.SaveChangesAsync(ct);
            foreach (var item in batch)
                counters.Quarantine(item.Channel);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Quarantining failed too: the records go to the spool");
            return false;
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
