using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Op25b.Core.Ingest;

/// <summary>
/// A top-level JSON array of records, read one element at a time: only the element being read
/// is buffered. A syntax error ends the batch with one error line, because after it there is no
/// reliable way to tell where the next element starts.
/// </summary>
public sealed class JsonArrayBatchReader : IIngestBatchReader
{
    /// <summary>Same bound as an NDJSON line; a larger element ends the batch rather than grow the buffer.</summary>
    public const int MaxElementBytes = 64 * 1024;

    private enum Expect { ArrayStart, FirstElement, Element, Separator, Nothing }

    public async IAsyncEnumerable<IngestLine> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken ct)
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(leaveOpen: true));
        var expect = Expect.ArrayStart;
        var elements = 0;
        var minimum = 3; // enough to see a byte-order mark
        var ready = new List<IngestLine>();
        try
        {
            while (true)
            {
                var result = await reader.ReadAtLeastAsync(minimum, ct);
                var buffer = result.Buffer;
                if (expect == Expect.ArrayStart && buffer.Length >= 3)
                    buffer = JsonRecord.SkipBom(buffer);
                minimum = 1;
                string? stop = null;
                var needMore = false;

                while (!needMore && stop is null)
                {
                    buffer = JsonSyntax.SkipWhitespace(buffer);
                    if (buffer.IsEmpty)
                    {
                        needMore = true;
                        break;
                    }
                    var next = JsonSyntax.First(buffer);
                    switch (expect)
                    {
                        case Expect.ArrayStart when next == (byte)'[':
                            expect = Expect.FirstElement;
                            buffer = buffer.Slice(1);
                            break;
                        case Expect.ArrayStart:
                            stop = $"the body must be a JSON array, found {JsonSyntax.Describe(next)}";
                            break;
                        case Expect.FirstElement when next == (byte)']':
                        case Expect.Separator when next == (byte)']':
                            expect = Expect.Nothing;
                            buffer = buffer.Slice(1);
                            break;
                        case Expect.Separator when next == (byte)',':
                            expect = Expect.Element;
                            buffer = buffer.Slice(1);
                            break;
                        case Expect.Separator:
                            stop = $"expected ',' or ']', found {JsonSyntax.Describe(next)}";
                            break;
                        case Expect.Nothing:
                            stop = $"unexpected {JsonSyntax.Describe(next)} after the closing ']'";
                            break;
                        default:
                            var (length, error) = JsonSyntax.MeasureValue(buffer);
                            if (error is not null)
                                stop = error;
                            else if (length > MaxElementBytes || (length == 0 && buffer.Length > MaxElementBytes))
                                stop = $"element {elements + 1} is longer than {MaxElementBytes / 1024} KiB";
                            else if (length == 0)
                            {
                                needMore = true;
                                // Ask for twice as much so a value arriving in tiny chunks is not rescanned per chunk.
                                minimum = (int)Math.Min(buffer.Length * 2, MaxElementBytes + 1);
                            }
                            else
                            {
                                elements++;
                                ready.Add(JsonRecord.Parse(elements, buffer.Slice(0, length)));
                                buffer = buffer.Slice(length);
                                expect = Expect.Separator;
                            }
                            break;
                    }
                }

                if (stop is null && needMore && result.IsCompleted && expect != Expect.Nothing)
                    stop = expect == Expect.ArrayStart ? "the body is empty"
                        : buffer.IsEmpty ? "the body ended before the array was closed"
                        : $"the body ended inside element {elements + 1}";
                if (stop is not null)
                    ready.Add(IngestLine.Invalid(elements + 1, JsonRecord.Decode(buffer), $"invalid JSON after element {elements}: {stop}"));

                var finished = stop is not null || result.IsCompleted;
                reader.AdvanceTo(buffer.Start, finished ? buffer.Start : buffer.End);
                foreach (var line in ready)
                    yield return line;
                ready.Clear();
                if (finished)
                    yield break;
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }
}
