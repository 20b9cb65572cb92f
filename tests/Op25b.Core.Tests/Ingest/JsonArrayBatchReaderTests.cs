using System.Text;
using Op25b.Core.Ingest;
using static Op25b.Core.Tests.Ingest.IngestStreams;

namespace Op25b.Core.Tests.Ingest;

public sealed class JsonArrayBatchReaderTests
{
    private static readonly JsonArrayBatchReader Reader = new();

    [Fact]
    public async Task Each_element_comes_through_numbered_by_its_position()
    {
        var lines = await ReadAll(Reader, Utf8($"[\n  {Good1},\n  {Good2}\n]\n"));

        Assert.All(lines, l => Assert.True(l.IsValid, l.Error));
        Assert.Equal([1, 2], lines.Select(l => l.LineNumber));
        Assert.Equal(Good2, lines[1].Raw);
    }

    [Fact]
    public async Task An_empty_array_yields_nothing()
    {
        Assert.Empty(await ReadAll(Reader, Utf8(" [ ] ")));
    }

    [Fact]
    public async Task A_valid_json_element_that_is_not_a_valid_record_is_reported_and_the_rest_come_through()
    {
        var bad = Good1.Replace("\"198.51.100.7\"", "\"x\"");
        var lines = await ReadAll(Reader, Utf8($"[{Good1},{bad},42,{Good2}]"));

        Assert.Equal([1, 2, 3, 4], lines.Select(l => l.LineNumber));
        Assert.Equal("sourceIp: 'x' is not an IP address", lines[1].Error);
        Assert.Equal("record: expected a JSON object, got a number", lines[2].Error);
        Assert.True(lines[0].IsValid && lines[3].IsValid);
    }

    [Fact]
    public async Task A_syntax_error_ends_the_batch_with_one_error_after_the_last_good_element()
    {
        var lines = await ReadAll(Reader, Utf8($"[{Good1},{{\"router\" \"edge\"}},{Good2}]"));

        Assert.Equal(2, lines.Count);
        Assert.True(lines[0].IsValid);
        Assert.Equal(2, lines[1].LineNumber);
        Assert.StartsWith("invalid JSON after element 1: ", lines[1].Error);
    }

    [Fact]
    public async Task A_missing_comma_between_elements_ends_the_batch()
    {
        var lines = await ReadAll(Reader, Utf8($"[{Good1} {Good2}]"));

        Assert.Equal("invalid JSON after element 1: expected ',' or ']', found '{'", lines[^1].Error);
    }

    [Fact]
    public async Task A_body_that_is_not_an_array_is_one_error()
    {
        var lines = await ReadAll(Reader, Utf8(Good1));

        Assert.Equal("invalid JSON after element 0: the body must be a JSON array, found '{'", Assert.Single(lines).Error);
    }

    [Fact]
    public async Task A_body_read_one_byte_at_a_time_gives_the_same_results()
    {
        var body = $"\uFEFF[{Good1},\r\n{{\"router\":true}},{Good2}]";

        var whole = await ReadAll(Reader, Utf8(body));
        var trickled = await ReadAll(Reader, new OneByteAtATimeStream(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(Summary(whole), Summary(trickled));
        Assert.Equal(3, whole.Count);
    }

    [Fact]
    public async Task A_body_cut_mid_element_yields_the_complete_elements_and_one_error_for_the_tail()
    {
        var body = $"[{Good1},{Good2},{Good1[..40]}";

        var lines = await ReadAll(Reader, new OneByteAtATimeStream(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(3, lines.Count);
        Assert.True(lines[0].IsValid && lines[1].IsValid);
        Assert.Equal(3, lines[2].LineNumber);
        Assert.Equal("invalid JSON after element 2: the body ended inside element 3", lines[2].Error);
        Assert.Equal(Good1[..40], lines[2].Raw);
    }

    [Fact]
    public async Task A_body_cut_before_the_closing_bracket_reports_the_unclosed_array()
    {
        var lines = await ReadAll(Reader, Utf8($"[{Good1},"));

        Assert.Equal("invalid JSON after element 1: the body ended before the array was closed", lines[^1].Error);
        Assert.Equal(2, lines.Count);
    }
}
