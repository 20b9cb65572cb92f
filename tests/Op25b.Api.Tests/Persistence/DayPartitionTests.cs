using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Jobs;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Attempts;
using Op25b.Persistence;
using Op25b.Persistence.Attempts;

namespace Op25b.Api.Tests.Persistence;

/// <summary>
/// Writers and the day partitions of blocked attempts (on PostgreSQL; the same batches on SQLite,
/// where there are none, must behave the same): first writers of a day do not race, and a failed
/// or foreign change to the partitions never leaves the host believing in a day that is not there.
/// </summary>
public abstract class DayPartitionTests(AdminApiFactory api)
{
    private static BlockedAttempt Attempt(DateTimeOffset at, int sourcePort) =>
        BlockedAttempt.From(new BlockedAttemptRecord(at, "bng-1", IPAddress.Parse("100.127.1.1"), sourcePort, IPAddress.Parse("203.0.113.9"), 25, "tcp",
            AttemptAction.Dropped), "test", at);

    protected Task<StoreResult> StoreAsync(params BlockedAttempt[] attempts) =>
        api.WithScopeAsync(sp => sp.GetRequiredService<AttemptStore>().StoreAsync(attempts, CancellationToken.None));

    protected Task<long> StoredOnAsync(DateOnly day) =>
        api.WithScopeAsync(sp =>
        {
            var from = new DateTimeOffset(day, TimeOnly.MinValue, TimeSpan.Zero);
            return sp.GetRequiredService<AdminDbContext>().BlockedAttempts.LongCountAsync(a => a.OccurredAt >= from && a.OccurredAt < from.AddDays(1));
        });

    /// <summary>A day no other test in the class writes to.</summary>
    protected static DateTimeOffset NewDay(int daysBack) => new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero).AddDays(-daysBack);

    [Fact]
    public async Task Two_concurrent_first_batches_for_a_new_day_both_succeed()
    {
        foreach (var back in new[] { 1, 2, 3 })
        {
            var at = NewDay(back);
            var results = await Task.WhenAll(StoreAsync(Attempt(at, 40000)), StoreAsync(Attempt(at.AddSeconds(1), 40001)));
            Assert.All(results, r => Assert.Equal(1, r.Inserted));
            Assert.Equal(2, await StoredOnAsync(DayPartitions.DayOf(at)));
        }
    }

    [Fact]
    public async Task A_batch_for_a_day_whose_partition_creation_rolled_back_succeeds_without_restart()
    {
        var at = NewDay(10);
        // A row the database refuses (NOT NULL) rolls back the whole batch after its day was looked at.
        var refused = Attempt(at, 40000);
        refused.Channel = null!;
        await Assert.ThrowsAnyAsync<Exception>(() => StoreAsync(refused));

        Assert.Equal(1, (await StoreAsync(Attempt(at, 40001))).Inserted);
        Assert.Equal(1, await StoredOnAsync(DayPartitions.DayOf(at)));
    }
}

public sealed class DayPartitionTests_on_Sqlite(SqliteApiFactory api) : DayPartitionTests(api), IClassFixture<SqliteApiFactory>;

public sealed class DayPartitionTests_on_Postgres(PostgresApiFactory api) : DayPartitionTests(api), IClassFixture<PostgresApiFactory>
{
    private Task<bool> PartitionExistsAsync(DateOnly day) =>
        api.WithScopeAsync(async sp => await sp.GetRequiredService<AdminDbContext>().Database
            .SqlQuery<bool>($"SELECT to_regclass({DayPartitions.NameOf(day)}) IS NOT NULL AS \"Value\"").SingleAsync());

    [Fact]
    public async Task A_day_dropped_behind_the_hosts_back_is_created_again_by_the_next_batch()
    {
        var at = NewDay(20);
        var day = DayPartitions.DayOf(at);
        Assert.Equal(1, (await StoreAsync(BlockedAttemptAt(at, 40000))).Inserted);
        // Another host's retention, or a DBA: this host's cache still believes in the day.
        var drop = "DROP TABLE " + DayPartitions.NameOf(day);
        await api.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(drop));

        Assert.Equal(1, (await StoreAsync(BlockedAttemptAt(at, 40001))).Inserted);
        Assert.Equal(1, await StoredOnAsync(day));
    }

    [Fact]
    public async Task The_partitions_job_keeps_yesterday_today_and_the_next_days_ready()
    {
        var today = DayPartitions.DayOf(api.Clock.GetUtcNow());
        await api.WithScopeAsync(sp => ActivatorUtilities.CreateInstance<AttemptPartitionsJob>(sp).RunAsync(CancellationToken.None));
        foreach (var offset in Enumerable.Range(-1, AttemptPartitionsJob.DaysAhead + 2))
            Assert.True(await PartitionExistsAsync(today.AddDays(offset)), $"no partition for {today.AddDays(offset)}");
        Assert.False(await PartitionExistsAsync(today.AddDays(AttemptPartitionsJob.DaysAhead + 1)));
    }

    private static BlockedAttempt BlockedAttemptAt(DateTimeOffset at, int sourcePort) =>
        BlockedAttempt.From(new BlockedAttemptRecord(at, "bng-1", IPAddress.Parse("100.127.1.2"), sourcePort, IPAddress.Parse("203.0.113.9"), 25, "tcp",
            AttemptAction.Dropped), "test", at);
}
