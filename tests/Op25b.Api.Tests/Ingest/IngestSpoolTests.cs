using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Op25b.Api.Ingest;
using Op25b.Core.Attempts;

namespace Op25b.Api.Tests.Ingest;

/// <summary>The spool on its own, on a real folder: order, bound, and what a new process finds after a crash.</summary>
public sealed class IngestSpoolTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"op25b-spool-{Guid.NewGuid():N}");

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "test";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private IngestSpool Open(long maxBytes = 1L << 20) =>
        new(Options.Create(new IngestOptions { SpoolDirectory = _directory, SpoolMaxBytes = maxBytes }), new Environment(Path.GetTempPath()));

    private static IngestItem Line(int n) => new("syslog-tcp", "192.0.2.1",
        n % 2 == 0 ? new BlockedAttemptRecord(DateTimeOffset.UnixEpoch.AddSeconds(n), "bng-1", IPAddress.Parse("2001:db8::1"), 40000 + n, IPAddress.Parse("203.0.113.9"), 25, "tcp", AttemptAction.Dropped) : null,
        $"line {n}", n % 2 == 0 ? null : "unparseable", DateTimeOffset.UnixEpoch.AddSeconds(n));

    [Fact]
    public async Task Segments_replay_oldest_first_survive_a_new_process_and_a_full_spool_takes_nothing_more()
    {
        var spool = Open(maxBytes: 1);
        Assert.True(await spool.TryAppendAsync([Line(0), Line(1)], CancellationToken.None));
        Assert.False(await spool.TryAppendAsync([Line(2)], CancellationToken.None));
        Assert.True(spool.IsFull);
        File.WriteAllText(Path.Combine(_directory, "000000000009.spool.tmp"), "{\"torn"); // a crash while writing: never acknowledged

        var reopened = Open();
        Assert.Equal(2, reopened.Lines);
        Assert.True(await reopened.TryAppendAsync([Line(3)], CancellationToken.None));
        var (first, items) = (await reopened.OldestAsync(CancellationToken.None))!.Value;
        Assert.Equal([Line(0), Line(1)], items);
        reopened.Remove(first);
        Assert.Equal([Line(3)], (await reopened.OldestAsync(CancellationToken.None))!.Value.Items);
        Assert.Equal(Line(3).ReceivedAt, reopened.OldestReceivedAt);
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
