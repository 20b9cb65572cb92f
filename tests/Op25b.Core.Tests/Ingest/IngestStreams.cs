using System.Text;
using Op25b.Core.Ingest;

namespace Op25b.Core.Tests.Ingest;

internal static class IngestStreams
{
    public const string Good1 = """{"occurredAt":"2026-05-01T12:00:00+09:00","router":"edge-1","sourceIp":"198.51.100.7","sourcePort":40001,"destinationIp":"203.0.113.25","destinationPort":25}""";
    public const string Good2 = """{"occurredAt":"2026-05-01T12:00:01Z","router":"edge-2","sourceIp":"2001:db8::7","destinationIp":"2001:db8:ffff::25","destinationPort":25,"protocol":"TCP","packets":3,"action":"rejected","eventId":"ev-2"}""";

    public static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    public static async Task<List<IngestLine>> ReadAll(IIngestBatchReader reader, Stream body)
    {
        var lines = new List<IngestLine>();
        await foreach (var line in reader.ReadAsync(body, CancellationToken.None))
            lines.Add(line);
        return lines;
    }

    /// <summary>What a client sees: line number, and either the attempt or the error.</summary>
    public static IEnumerable<string> Summary(IEnumerable<IngestLine> lines) =>
        lines.Select(l => $"{l.LineNumber}|{l.Raw}|{l.Attempt}|{l.Error}");
}

/// <summary>Hands out one byte per read, the worst case a slow client can produce.</summary>
internal sealed class OneByteAtATimeStream(byte[] bytes) : Stream
{
    private int _position;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= bytes.Length || buffer.IsEmpty)
            return 0;
        buffer[0] = bytes[_position++];
        return 1;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

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

/// <summary>
/// Produces NDJSON lines only as they are read, and records how far the producer ran ahead of
/// the consumer, so a test can prove the reader does not hold the body.
/// </summary>
internal sealed class GeneratedNdjsonStream(int lineCount) : Stream
{
    private byte[] _pending = [];
    private int _offset;
    private int _produced;

    public int Produced => _produced;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Fill the caller's buffer as a socket would, producing lines only as room allows.
        var total = 0;
        while (total < buffer.Length && ReadLinePart(buffer[total..]) is var n and > 0)
            total += n;
        return total;
    }

    private int ReadLinePart(Span<byte> buffer)
    {
        if (_offset == _pending.Length)
        {
            if (_produced == lineCount)
                return 0;
            _produced++;
            var second = _produced % 60;
            _pending = Encoding.UTF8.GetBytes(
                $$"""{"occurredAt":"2026-05-01T12:00:{{second:00}}Z","router":"edge-1","sourceIp":"198.51.100.{{_produced % 250 + 1}}","destinationIp":"203.0.113.25","destinationPort":25,"eventId":"e{{_produced}}"}""" + "\n");
            _offset = 0;
        }
        var n = Math.Min(buffer.Length, _pending.Length - _offset);
        _pending.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

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
