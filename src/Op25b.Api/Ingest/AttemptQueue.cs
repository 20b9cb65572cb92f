using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Op25b.Api.Ingest;

/// <summary>The bounded queue between the listeners and the writer.</summary>
public sealed class AttemptQueue(IOptions<IngestOptions> options, IngestCounters counters)
{
    private readonly Channel<IngestItem> _channel = Channel.CreateBounded<IngestItem>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public ChannelReader<IngestItem> Reader => _channel.Reader;

    public int Count => _channel.Reader.Count;

    /// <summary>TCP: waits while the queue is full, so the sender is slowed by TCP flow control instead of losing data.</summary>
    public ValueTask EnqueueAsync(IngestItem item, CancellationToken ct) => _channel.Writer.WriteAsync(item, ct);

    /// <summary>UDP has no way to push back: a datagram that does not fit is dropped and counted.</summary>
    public void EnqueueOrDrop(IngestItem item)
    {
        if (!_channel.Writer.TryWrite(item))
            counters.UdpDrop();
    }
}
