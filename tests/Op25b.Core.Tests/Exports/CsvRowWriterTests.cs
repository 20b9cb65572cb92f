using System.Text;
using Op25b.Core.Exports;

namespace Op25b.Core.Tests.Exports;

public sealed class CsvRowWriterTests
{
    private static async Task<byte[]> WriteAsync(bool bom, params string?[][] rows)
    {
        var output = new MemoryStream();
        var writer = ExportRowWriter.Create(ExportFormat.Csv, output, ["a", "b"], bom);
        foreach (var row in rows)
        {
            foreach (var field in row)
                writer.String(field);
            writer.EndRow();
        }
        await writer.FlushAsync(CancellationToken.None);
        return output.ToArray();
    }

    [Fact]
    public async Task Fields_with_commas_quotes_and_line_breaks_are_quoted_and_quotes_doubled_per_RFC_4180()
    {
        var bytes = await WriteAsync(false, ["plain", "a,b"], ["say \"hi\"", "line1\r\nline2"], ["bare\nlf", null]);
        Assert.Equal("a,b\r\nplain,\"a,b\"\r\n\"say \"\"hi\"\"\",\"line1\r\nline2\"\r\n\"bare\nlf\",\r\n", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task Japanese_text_is_written_as_UTF_8_and_quoted_only_for_its_separators()
    {
        var bytes = await WriteAsync(false, ["山田商店, 本店", "「確認済み」\"OK\"\n改行"], ["通信の秘密", "六か月"]);
        Assert.Equal("a,b\r\n\"山田商店, 本店\",\"「確認済み」\"\"OK\"\"\n改行\"\r\n通信の秘密,六か月\r\n", Encoding.UTF8.GetString(bytes));
        Assert.Equal(Encoding.UTF8.GetBytes("通信の秘密"), bytes[^27..^12]);
    }

    [Fact]
    public async Task Text_cells_that_start_like_a_formula_get_an_apostrophe_so_spreadsheets_show_them_as_text()
    {
        var bytes = await WriteAsync(false, ["=HYPERLINK(\"http://x\",\"y\")", "=cmd|' /C calc'!A0"], ["+1+1", "-2-3"], ["@SUM(A1)", "\tx"],
            ["\rx", "a=b"], ["'kept", "-"]);
        Assert.Equal(
            "a,b\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'=cmd|' /C calc'!A0\r\n'+1+1,'-2-3\r\n'@SUM(A1),'\tx\r\n\"'\rx\",a=b\r\n'kept,'-\r\n",
            Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task Numbers_are_never_prefixed_and_neutralisation_can_be_turned_off()
    {
        var output = new MemoryStream();
        var writer = ExportRowWriter.Create(ExportFormat.Csv, output, ["a", "b"], neutraliseFormulas: false);
        writer.String("=1+1");
        writer.Number(-5);
        writer.EndRow();
        var neutralised = new MemoryStream();
        var safe = ExportRowWriter.Create(ExportFormat.Csv, neutralised, ["a", "b"]);
        safe.Number(-5);
        safe.Number((long?)null);
        safe.EndRow();
        await writer.FlushAsync(CancellationToken.None);
        await safe.FlushAsync(CancellationToken.None);
        Assert.Equal("a,b\r\n=1+1,-5\r\n", Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal("a,b\r\n-5,\r\n", Encoding.UTF8.GetString(neutralised.ToArray()));
    }

    [Fact]
    public async Task The_byte_order_mark_is_written_only_when_asked_for()
    {
        Assert.Equal([0xEF, 0xBB, 0xBF, (byte)'a'], (await WriteAsync(true))[..4]);
        Assert.Equal((byte)'a', (await WriteAsync(false))[0]);
    }

    [Fact]
    public async Task A_row_with_too_few_fields_is_refused()
    {
        var writer = ExportRowWriter.Create(ExportFormat.Csv, new MemoryStream(), ["a", "b"]);
        writer.String("only one");
        Assert.Throws<InvalidOperationException>(writer.EndRow);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task JSON_Lines_rows_are_one_object_per_line_with_nulls_and_readable_Japanese()
    {
        var output = new MemoryStream();
        var writer = ExportRowWriter.Create(ExportFormat.JsonLines, output, ["name", "count", "at"]);
        writer.String("山田\n\"商店\"");
        writer.Number(42);
        writer.Timestamp(null);
        writer.EndRow();
        writer.String(null);
        writer.Number((long?)null);
        writer.Timestamp(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(9)));
        writer.EndRow();
        await writer.FlushAsync(CancellationToken.None);
        Assert.Equal("{\"name\":\"山田\\n\\\"商店\\\"\",\"count\":42,\"at\":null}\n{\"name\":null,\"count\":null,\"at\":\"2026-04-01T00:00:00Z\"}\n",
            Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task JSON_Lines_text_is_never_prefixed()
    {
        var output = new MemoryStream();
        var writer = ExportRowWriter.Create(ExportFormat.JsonLines, output, ["a"]);
        writer.String("=1+1");
        writer.EndRow();
        await writer.FlushAsync(CancellationToken.None);
        Assert.Equal("{\"a\":\"=1+1\"}\n", Encoding.UTF8.GetString(output.ToArray()));
    }
}
