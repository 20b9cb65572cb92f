using Op25b.Core.Ingest;

namespace Op25b.Core.Tests.Ingest;

public sealed class BatchFormatsTests
{
    [Theory]
    [InlineData("application/x-ndjson", BatchFormat.Ndjson)]
    [InlineData("application/jsonl; charset=utf-8", BatchFormat.Ndjson)]
    [InlineData("application/json", BatchFormat.JsonArray)]
    [InlineData("Application/JSON; charset=utf-8", BatchFormat.JsonArray)]
    [InlineData("text/csv", BatchFormat.Csv)]
    public void A_supported_content_type_selects_its_format(string contentType, BatchFormat expected)
    {
        Assert.Equal(expected, BatchFormats.FromContentType(contentType));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("not a media type")]
    public void Any_other_content_type_selects_no_format(string? contentType)
    {
        Assert.Null(BatchFormats.FromContentType(contentType));
    }
}
