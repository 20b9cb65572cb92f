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
        // Without the redirect handler, which would read the whole body before sending any of it.
        var net = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        net.DefaultRequestHeaders.Authorization = new("ApiKey", await api.IssueKeyAsync("collector", Roles.NetworkAdmin));
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
        // As a sender would: resend from the line after the committed one, until the whole stream is in.
        var rest = lines.Skip(committed).ToList();
        for (var attempt = 0; ; attempt++)
        {
            var response = await net.PostAsync("/api/v1/attempts/batch", Ndjson(rest));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var outcome = await response.ExpectAsync(HttpStatusCode.OK);
                Assert.Equal(rest.Count, outcome["accepted"]!.GetValue<int>() + outcome["duplicates"]!.GetValue<int>());
                break;
            }
            // Pooled connections from before the restart may fail once more; each answer still says where to resume.
            Assert.True(attempt < 10, $"still {response.StatusCode} after {attempt} resends");
            rest = rest.Skip((await response.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable))["committedThroughLine"]!.GetValue<int>()).ToList();
            await Task.Delay(200);
        }

        Assert.Equal(12_000, await StoredAsync(api, router));
        await api.WithDbAsync(async db =>
            Assert.Equal(12_000, await db.RouterHourRollups.Where(r => r.RouterName == router).SumAsync(r => r.Attempts)));
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
