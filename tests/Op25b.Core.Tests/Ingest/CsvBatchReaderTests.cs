using System.Net;
using System.Text;
using Op25b.Core.Ingest;
using static Op25b.Core.Tests.Ingest.IngestStreams;

namespace Op25b.Core.Tests.Ingest;

public sealed class CsvBatchReaderTests
{
    private static readonly CsvBatchReader Reader = new();
    private const string Header = "occurredAt,router,sourceIp,destinationIp,destinationPort,eventId";

    [Fact]
    public async Task Rows_come_through_with_columns_in_any_order()
    {
        var body = "destinationPort,sourceIp,router,occurredAt,destinationIp,packets\n"
                   + "25,198.51.100.7,edge-1,2026-05-01T12:00:00Z,203.0.113.25,4\n"
                   + "587,2001:db8::7,edge-2,2026-05-01T12:00:00-05:00,2001:db8::25,\n";

        var lines = await ReadAll(Reader, Utf8(body));

        Assert.All(lines, l => Assert.True(l.IsValid, l.Error));
        Assert.Equal([2, 3], lines.Select(l => l.LineNumber));
        Assert.Equal((25, 4), (lines[0].Attempt!.DestinationPort, lines[0].Attempt!.Packets));
        Assert.Equal(IPAddress.Parse("2001:db8::7"), lines[1].Attempt!.SourceIp);
        Assert.Equal(17, lines[1].Attempt!.OccurredAt.Hour);
    }

    [Fact]
    public async Task Quoted_fields_keep_commas_doubled_quotes_and_newlines()
    {
        var body = Header + "\r\n"
                   + "2026-05-01T12:00:00Z,\"edge, \"\"east\"\"\",198.51.100.7,203.0.113.25,25,\"multi\r\nline\"\r\n"
                   + "2026-05-01T12:00:00Z,\"\",198.51.100.7,203.0.113.25,25,\r\n"
                   + "2026-05-01T12:00:00Z,edge-3,198.51.100.7,203.0.113.25,25,\"\"\r\n";

        var lines = await ReadAll(Reader, Utf8(body));

        Assert.Equal([2, 4, 5], lines.Select(l => l.LineNumber));
        Assert.Equal("edge, \"east\"", lines[0].Attempt!.Router);
        Assert.Equal("multi\r\nline", lines[0].Attempt!.EventId);
        Assert.Equal("router: required", lines[1].Error);
        Assert.True(lines[2].IsValid, lines[2].Error);
        Assert.Null(lines[2].Attempt!.EventId);
    }

    [Fact]
    public async Task A_bad_row_among_good_ones_is_reported_at_its_line_and_the_rest_come_through()
    {
        var body = Header + "\n"
                   + "2026-05-01T12:00:00Z,edge-1,198.51.100.7,203.0.113.25,25,a\n"
                   + "\n"
                   + "2026-05-01T12:00:00Z,edge-1,198.51.100.7,203.0.113.25,70000,b\n"
                   + "2026-05-01T12:00:00Z,edge-1,198.51.100.7,203.0.113.25\n"
                   + "2026-05-01T12:00:00Z,ed\"ge,198.51.100.7,203.0.113.25,25,c\n"
                   + "2026-05-01T12:00:00Z,\"edge\"x,198.51.100.7,203.0.113.25,25,d\n"
                   + "2026-05-01T12:00:00Z,edge-1,198.51.100.7,203.0.113.25,25,e";

        var lines = await ReadAll(Reader, Utf8(body));

        Assert.Equal([2, 4, 5, 6, 7, 8], lines.Select(l => l.LineNumber));
        Assert.Equal("destinationPort: 70000 is not a port (1–65535)", lines[1].Error);
        Assert.Equal("row: has 4 fields, the header has 6", lines[2].Error);
        Assert.StartsWith("row: a quote inside an unquoted field", lines[3].Error);
        Assert.Equal("row: text after a closing quote", lines[4].Error);
        Assert.True(lines[0].IsValid && lines[5].IsValid);
        Assert.Equal("e", lines[5].Attempt!.EventId);
    }

    [Fact]
    public async Task An_unknown_or_missing_header_column_is_one_error_on_the_header_line()
    {
        var lines = await ReadAll(Reader, Utf8("\noccurredat,router,sourceIp,colour,destinationPort\n2026-05-01T12:00:00Z,e,1.2.3.4,red,25\n"));

        var line = Assert.Single(lines);
        Assert.Equal(2, line.LineNumber);
        Assert.Equal("header: unknown column 'colour'; header: missing required column 'destinationIp'", line.Error);
    }

    [Fact]
    public async Task A_body_read_one_byte_at_a_time_gives_the_same_results()
    {
        var body = "\uFEFF" + Header + "\r\n2026-05-01T12:00:00Z,\"é,\r\n\"\"x\"\"\",198.51.100.7,203.0.113.25,25,\r\nbad,row\r\n";

        var whole = await ReadAll(Reader, Utf8(body));
        var trickled = await ReadAll(Reader, new OneByteAtATimeStream(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(Summary(whole), Summary(trickled));
        Assert.Equal("é,\r\n\"x\"", whole[0].Attempt!.Router);
        Assert.Equal(4, whole[1].LineNumber);
    }

    [Fact]
    public async Task A_body_cut_inside_a_quoted_field_yields_the_complete_rows_and_one_error_for_the_tail()
    {
        var body = Header + "\n2026-05-01T12:00:00Z,edge-1,198.51.100.7,203.0.113.25,25,a\n2026-05-01T12:00:00Z,\"edge";

        var lines = await ReadAll(Reader, new OneByteAtATimeStream(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(2, lines.Count);
        Assert.True(lines[0].IsValid);
        Assert.Equal(3, lines[1].LineNumber);
        Assert.Equal("row: a quoted field is not closed before the end of the body", lines[1].Error);
        Assert.Equal("2026-05-01T12:00:00Z,\"edge", lines[1].Raw);
    }
}
