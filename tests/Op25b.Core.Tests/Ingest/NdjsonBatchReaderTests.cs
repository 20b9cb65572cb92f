using System.Text;
using Op25b.Core.Ingest;
using static Op25b.Core.Tests.Ingest.IngestStreams;

namespace Op25b.Core.Tests.Ingest;

public sealed class NdjsonBatchReaderTests
{
    private static readonly NdjsonBatchReader Reader = new();

    [Fact]
    public async Task Good_lines_come_through_in_order_with_their_line_numbers()
    {
        var lines = await ReadAll(Reader, Utf8($"{Good1}\n{Good2}\n"));

        Assert.All(lines, l => Assert.True(l.IsValid, l.Error));
        Assert.Equal([1, 2], lines.Select(l => l.LineNumber));
        Assert.Equal(Good1, lines[0].Raw);
        Assert.Equal("edge-2", lines[1].Attempt!.Router);
        Assert.Equal("tcp", lines[1].Attempt!.Protocol);
    }

    [Fact]
    public async Task A_bad_line_among_good_ones_is_reported_at_its_line_and_the_rest_come_through()
    {
        var bad = Good1.Replace("\"destinationPort\":25", "\"destinationPort\":70000");
        var lines = await ReadAll(Reader, Utf8($"{Good1}\r\n\r\n{bad}\r\n{{not json\r\n{Good2}"));

        Assert.Equal([1, 3, 4, 5], lines.Select(l => l.LineNumber));
        Assert.Equal("destinationPort: 70000 is not a port (1–65535)", lines[1].Error);
        Assert.Equal(bad, lines[1].Raw);
        Assert.StartsWith("invalid JSON: ", lines[2].Error);
        Assert.True(lines[0].IsValid && lines[3].IsValid);
    }

    [Fact]
    public async Task A_line_over_64_KiB_is_an_error_and_reading_resumes_at_the_next_line()
    {
        var huge = "{\"router\":\"" + new string('x', 70_000) + "\"}";
        var lines = await ReadAll(Reader, Utf8($"{Good1}\n{huge}\n{Good2}\n"));

        Assert.Equal([1, 2, 3], lines.Select(l => l.LineNumber));
        Assert.Equal("line: longer than 64 KiB", lines[1].Error);
        Assert.Equal(IngestLine.MaxRawLength, lines[1].Raw.Length);
        Assert.True(lines[2].IsValid);
    }

    [Fact]
    public async Task A_body_read_one_byte_at_a_time_gives_the_same_results()
    {
        var body = $"\uFEFF{Good1}\n\n{{\"router\":1}}\n{Good2}";

        var whole = await ReadAll(Reader, Utf8(body));
        var trickled = await ReadAll(Reader, new OneByteAtATimeStream(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(Summary(whole), Summary(trickled));
        Assert.Equal([1, 3, 4], whole.Select(l => l.LineNumber));
    }

    [Fact]
    public async Task A_body_cut_mid_object_yields_the_complete_lines_and_one_error_for_the_tail()
    {
        var body = $"{Good1}\n{Good2}\n{Good1[..40]}";

        var lines = await ReadAll(Reader, new OneByteAtATimeStream(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(3, lines.Count);
        Assert.True(lines[0].IsValid && lines[1].IsValid);
        Assert.Equal(3, lines[2].LineNumber);
        Assert.StartsWith("invalid JSON: ", lines[2].Error);
        Assert.Equal(Good1[..40], lines[2].Raw);
    }

    [Fact]
    public async Task A_100000_line_body_streams_through_without_being_read_ahead()
    {
        var body = new GeneratedNdjsonStream(100_000);
        var count = 0;
        var maxAhead = 0;

        await foreach (var line in Reader.ReadAsync(body, CancellationToken.None))
        {
            Assert.True(line.IsValid, line.Error);
            count++;
            maxAhead = Math.Max(maxAhead, body.Produced - count);
        }

        Assert.Equal(100_000, count);
        // The reader may buffer a pipe window (a few KiB, some dozens of lines), never the body.
        Assert.InRange(maxAhead, 0, 200);
    }
}
