namespace Op25b.Api.Features.Attempts.IngestBatch;

/// <summary>
/// How far the stream is settled: every line up to <see cref="Through"/> is stored (or duplicate, or
/// quarantined) and committed. Chunks are stored concurrently and may finish out of order, so only
/// the unbroken run of finished chunks from the start counts — what a sender can safely skip.
/// </summary>
internal sealed class CommittedLines
{
    private readonly SortedDictionary<int, int> _finished = new();
    private readonly List<(int Chunk, TaskCompletionSource Ready)> _waiting = [];
    private int _nextChunk;
    private int _through;

    public int Through
    {
        get { lock (_finished) return _through; }
    }

    /// <summary>Chunk <paramref name="chunk"/> (numbered from 0 in stream order), ending at line <paramref name="lastLine"/>, committed.</summary>
    public void Finished(int chunk, int lastLine)
    {
        lock (_finished)
        {
            _finished[chunk] = lastLine;
            while (_finished.Remove(_nextChunk, out var line))
            {
                _through = line;
                _nextChunk++;
            }
            foreach (var waiter in _waiting.Where(w => w.Chunk <= _nextChunk).ToList())
            {
                _waiting.Remove(waiter);
                waiter.Ready.TrySetResult();
            }
        }
    }

    /// <summary>Completes once every chunk before <paramref name="chunk"/> has finished (at once for the first).</summary>
    public Task EarlierFinishedAsync(int chunk, CancellationToken ct)
    {
        lock (_finished)
        {
            if (chunk <= _nextChunk)
                return Task.CompletedTask;
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((chunk, ready));
            return ready.Task.WaitAsync(ct);
        }
    }
}
