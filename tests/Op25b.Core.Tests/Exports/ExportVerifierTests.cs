using System.Text;
using Op25b.Core.Audit;
using Op25b.Core.Exports;

namespace Op25b.Core.Tests.Exports;

public sealed class ExportVerifierTests
{
    private const string Csv = "a,b\r\n\"x\r\ny\",1\r\nz,2\r\n";

    private static async Task<ExportManifest> ManifestOfAsync(string text, ExportFormat format)
    {
        var fingerprint = await FileFingerprint.ComputeAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), format);
        return new ExportManifest(1, 7, "audit-trail", ExportFormats.Name(format), false, new Dictionary<string, string>(), ["a", "b"],
            fingerprint.RowCount, fingerprint.ByteCount, fingerprint.Sha256, DateTimeOffset.UnixEpoch, "auditor", new AuditChainHead(0, AuditChain.GenesisHash), "f.csv");
    }

    private static Task<ExportVerification> VerifyAsync(string text, ExportManifest manifest) =>
        ExportVerifier.VerifyAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), manifest);

    [Fact]
    public async Task A_CSV_row_count_ignores_line_breaks_inside_quoted_fields_and_the_header()
    {
        Assert.Equal(2, (await ManifestOfAsync(Csv, ExportFormat.Csv)).RowCount);
        Assert.Equal(2, (await ManifestOfAsync("{\"a\":1}\n{\"a\":\"x\\ny\"}\n", ExportFormat.JsonLines)).RowCount);
    }

    [Fact]
    public async Task An_untouched_file_verifies()
    {
        var result = await VerifyAsync(Csv, await ManifestOfAsync(Csv, ExportFormat.Csv));
        Assert.True(result.Intact);
        Assert.Empty(result.Differences);
    }

    [Fact]
    public async Task A_changed_value_fails_on_the_hash_and_names_it()
    {
        var result = await VerifyAsync(Csv.Replace("1", "9"), await ManifestOfAsync(Csv, ExportFormat.Csv));
        Assert.False(result.Intact);
        Assert.Equal("sha256", Assert.Single(result.Differences).Split(':')[0]);
    }

    [Fact]
    public async Task A_removed_row_fails_on_hash_row_count_and_size()
    {
        var result = await VerifyAsync("a,b\r\nz,2\r\n", await ManifestOfAsync(Csv, ExportFormat.Csv));
        Assert.False(result.Intact);
        Assert.Contains(result.Differences, d => d.StartsWith("row count: the file has 1 rows, the manifest says 2"));
        Assert.Contains(result.Differences, d => d.StartsWith("sha256"));
        Assert.Contains(result.Differences, d => d.StartsWith("size"));
    }

    [Fact]
    public async Task A_manifest_round_trips_through_its_JSON()
    {
        var manifest = await ManifestOfAsync(Csv, ExportFormat.Csv);
        var parsed = ExportManifest.Parse(manifest.ToJson());
        Assert.Equal(manifest.Sha256, parsed.Sha256);
        Assert.Equal(manifest.AuditChainHead, parsed.AuditChainHead);
        Assert.Throws<FormatException>(() => ExportManifest.Parse("{not json"));
    }
}
