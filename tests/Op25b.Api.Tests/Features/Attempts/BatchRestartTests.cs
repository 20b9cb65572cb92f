using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Lab;

namespace Op25b.Api.Tests.Features.Attempts;

/// <summary>
/// PostgreSQL restarted in the middle of a batch: the answer says how far the stream is committed,
/// and a sender that resumes from there stores each attempt exactly once. The test stops and starts
/// a cluster of its own, never the shared one.
/// </summary>
public sealed class BatchRestartTests
{
    /// <summary>A body that stops at a byte offset until the test opens the gate, as a slow sender does.</summary>
    private sealed class GatedStream(byte[] content, int gateAt, Task gate) : Stream
    {
        private readonly MemoryStream _content = new(content);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (_content.Position >= gateAt)
                await gate.WaitAsync(ct);
            else if (_content.Position + buffer.Length > gateAt)
                buffer = buffer[..(int)(gateAt - _content.Position)];
            return _content.Read(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static HttpContent Ndjson(IEnumerable<string> lines) => new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson");

    [Fact]
    public async Task A_batch_cut_by_a_database_restart_answers_503_with_the_committed_line_and_resending_from_there_stores_each_attempt_once()
    {
        using var cluster = PostgresCluster.StartOwn();
        await using var api = new OwnClusterApiFactory(cluster);
        var net = await CollectorAsync(api);
        var router = await Provisioning.RouterAsync(net);
        var start = api.Clock.GetUtcNow();
        var lines = Enumerable.Range(0, 12_000).Select(i =>
            $$"""{"occurredAt":"{{start.AddTicks(i * 1_000L):O}}","router":"{{router}}","sourceIp":"100.64.7.7","sourcePort":51544,"destinationIp":"203.0.113.9","destinationPort":25}""").ToList();
        var body = Encoding.UTF8.GetBytes(string.Join('\n', lines));
        var gateAt = Encoding.UTF8.GetByteCount(string.Join('\n', lines.Take(10_500)));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var content = new StreamContent(new GatedStream(body, gateAt, gate.Task));
        content.Headers.ContentType = new("application/x-ndjson");

        var posting = net.PostAsync("/api/v1/attempts/batch", content);
        // The first chunk (10,000 lines) is committed while the sender is still sending; then the server goes down.
        await WaitForAsync(async () => await StoredAsync(api, router) >= 10_000);
        cluster.StopServer();
        gate.SetResult();
        var interrupted = await posting;
        var problem = await interrupted.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.True(interrupted.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        var committed = problem["committedThroughLine"]!.GetValue<int>();
        Assert.Equal(10_000, committed);
        Assert.Equal(10_000, problem["accepted"]!.GetValue<int>());

        cluster.StartServer();
        var outcome = await ResendUntilStoredAsync(net, lines.Skip(committed).ToList());
        Assert.Equal(lines.Count - committed, outcome["accepted"]!.GetValue<int>() + outcome["duplicates"]!.GetValue<int>());

        Assert.Equal(12_000, await StoredAsync(api, router));
        await api.WithDbAsync(async db =>
            Assert.Equal(12_000, await db.RouterHourRollups.Where(r => r.RouterName == router).SumAsync(r => r.Attempts)));
    }

    /// <summary>
    /// Two writers commit chunks out of order: a later chunk with rejected lines can be committed while
    /// an earlier one is still in the database when it goes down. committedThroughLine stops before the
    /// earlier chunk, so the sender resends the later one too — its attempts come back as duplicates,
    /// but its rejected lines, which have no resend detection, used to be quarantined a second time.
    /// The earlier chunk is held back by a lock the test takes on one of its rollup rows.
    /// </summary>
    [Fact]
    public async Task Resending_after_a_503_quarantines_each_rejected_line_once_even_when_a_later_chunk_committed_first()
    {
        using var cluster = PostgresCluster.StartOwn();
        await using var api = new OwnClusterApiFactory(cluster);
        var net = await CollectorAsync(api);
        var (slow, fast) = (await Provisioning.RouterAsync(net), await Provisioning.RouterAsync(net));
        var now = api.Clock.GetUtcNow();
        // Different days and routers: the two chunks share no rollup row.
        var yesterday = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1).AddHours(12);
        string Line(string router, DateTimeOffset at, int port) =>
            $$"""{"occurredAt":"{{at:O}}","router":"{{router}}","sourceIp":"100.64.8.8","sourcePort":{{port}},"destinationIp":"203.0.113.10","destinationPort":25}""";
        var marker = Guid.NewGuid().ToString("N");
        var lines = Enumerable.Range(0, 10_000).Select(i => Line(slow, yesterday.AddTicks(i * 1_000L), 40000)) // chunk 0
            .Concat(Enumerable.Range(0, 50).Select(i => Line(fast, now.AddTicks(-i * 1_000L), 40001)))              // chunk 1 …
            .Concat(Enumerable.Range(0, 20).Select(i => $$"""{"rejected":"{{marker}}","n":{{i}}}"""))               // … with its rejected lines
            .ToList();
        // The slow router's hour exists already, so chunk 0's rollup upsert waits on the test's lock.
        await ResendUntilStoredAsync(net, [Line(slow, yesterday, 39999)]);
        var connectionString = "";
        await api.WithDbAsync(db => Task.FromResult(connectionString = db.Database.GetConnectionString()!));
        await using var holder = new Npgsql.NpgsqlConnection(connectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockRow = new Npgsql.NpgsqlCommand("SELECT 1 FROM attempt_rollups_router_hourly WHERE router_name = @r FOR UPDATE", holder, hold))
        {
            lockRow.Parameters.AddWithValue("r", slow);
            await lockRow.ExecuteNonQueryAsync();
        }

        var posting = net.PostAsync("/api/v1/attempts/batch", Ndjson(lines));
        await WaitForAsync(async () => await StoredAsync(api, fast) == 50);
        await Task.Delay(1_000); // room for chunk 1's quarantine write, which is what used to go wrong
        cluster.StopServer();
        var problem = await (await posting).ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(0, problem["committedThroughLine"]!.GetValue<int>());

        cluster.StartServer();
        await ResendUntilStoredAsync(net, lines);
        Assert.Equal(10_001, await StoredAsync(api, slow));
        Assert.Equal(50, await StoredAsync(api, fast));
        await api.WithDbAsync(async db => Assert.Equal(20, await db.Quarantine.CountAsync(q => q.Raw.Contains(marker))));
    }

    /// <summary>Without the redirect handler, which would read the whole body before sending any of it.</summary>
    private static async Task<HttpClient> CollectorAsync(AdminApiFactory api)
    {
        var net = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        net.DefaultRequestHeaders.Authorization = new("ApiKey", await api.IssueKeyAsync("collector", Roles.NetworkAdmin));
        return net;
    }

    /// <summary>As a sender would: resends from the line after the committed one until the whole stream is in; the last answer.</summary>
    private static async Task<System.Text.Json.Nodes.JsonNode> ResendUntilStoredAsync(HttpClient net, List<string> rest)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await net.PostAsync("/api/v1/attempts/batch", Ndjson(rest));
            if (response.StatusCode == HttpStatusCode.OK)
                return await response.ExpectAsync(HttpStatusCode.OK);
            // Pooled connections from before the restart may fail once more; each answer still says where to resume.
            Assert.True(attempt < 10, $"still {response.StatusCode} after {attempt} resends");
            rest = rest.Skip((await response.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable))["committedThroughLine"]!.GetValue<int>()).ToList();
            await Task.Delay(200);
        }
    }

    private static async Task<long> StoredAsync(AdminApiFactory api, string router)
    {
        long count = 0;
        await api.WithDbAsync(async db => count = await db.BlockedAttempts.LongCountAsync(a => a.RouterName == router));
        return count;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "condition not met within 30 s");
            await Task.Delay(50);
        }
    }
}
