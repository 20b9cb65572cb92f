using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Op25b.Core.Ingest;

/// <summary>
/// One JSON object per line. Holds at most one line (≤ 64 KiB) plus the pipe's window in memory,
/// so a body of any length streams through.
/// </summary>
public sealed class NdjsonBatchReader : IIngestBatchReader
{
    /// <summary>A record is a few hundred bytes; a longer line is a broken client, not data to buffer.</summary>
    public const int MaxLineBytes = 64 * 1024;

    public async IAsyncEnumerable<IngestLine> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken ct)
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(leaveOpen: true));
        var lineNumber = 0;
        var scanned = 0L;              // bytes at the buffer's start already known to hold no newline
        string? overlongRaw = null;    // set while skipping the rest of a line that is too long
        var atStart = true;
        var ready = new List<IngestLine>();
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(ct);
                var buffer = result.Buffer;
                if (atStart)
                {
                    if (buffer.Length < 3 && !result.IsCompleted)
                    {
                        reader.AdvanceTo(buffer.Start, buffer.End);
                        continue;
                    }
                    buffer = JsonRecord.SkipBom(buffer);
                    atStart = false;
                }

                while (buffer.Slice(scanned).PositionOf((byte)'\n') is { } newline)
                {
                    lineNumber++;
                    if (Complete(lineNumber, buffer.Slice(0, newline), ref overlongRaw) is { } line)
                        ready.Add(line);
                    buffer = buffer.Slice(buffer.GetPosition(1, newline));
                    scanned = 0;
                }
                scanned = buffer.Length;

                if (overlongRaw is null && buffer.Length > MaxLineBytes)
                    overlongRaw = JsonRecord.Decode(buffer);
                if (overlongRaw is not null)
                {
                    buffer = buffer.Slice(buffer.End);
                    scanned = 0;
                }

                if (result.IsCompleted)
                {
                    // The last line may lack its newline; a tail cut mid-object fails to parse and is reported.
                    if (overlongRaw is not null || buffer.Length > 0)
                    {
                        lineNumber++;
                        if (Complete(lineNumber, buffer, ref overlongRaw) is { } line)
                            ready.Add(line);
                    }
                    reader.AdvanceTo(buffer.End);
                    foreach (var line in ready)
                        yield return line;
                    yield break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                foreach (var line in ready)
                    yield return line;
                ready.Clear();
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static IngestLine? Complete(int lineNumber, ReadOnlySequence<byte> line, ref string? overlongRaw)
    {
        if (line.Length > 0 && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r')
            line = line.Slice(0, line.Length - 1);
        if (overlongRaw is not null || line.Length > MaxLineBytes)
        {
            var raw = overlongRaw ?? JsonRecord.Decode(line);
            overlongRaw = null;
            return IngestLine.Invalid(lineNumber, raw, $"line: longer than {MaxLineBytes / 1024} KiB");
        }
        if (IsBlank(line))
            return null;
        return JsonRecord.Parse(lineNumber, line);
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
            if (segment.Span.IndexOfAnyExcept(" \t\r"u8) >= 0)
                return false;
        return true;
    }
}
