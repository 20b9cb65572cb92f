using Op25b.Core.Exports;

namespace Op25b.Api.Cli;

/// <summary><c>export verify &lt;file&gt; &lt;manifest&gt;</c>: exit 0 when the file matches its manifest, 1 naming each difference, 2 when a file cannot be read.</summary>
public static class ExportVerifyCommand
{
    public static async Task<int> RunAsync(string filePath, string manifestPath, TextWriter output, CancellationToken ct)
    {
        ExportManifest manifest;
        try
        {
            await using var stream = File.OpenRead(manifestPath);
            manifest = await ExportManifest.ReadAsync(stream, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            await output.WriteLineAsync($"error: manifest {manifestPath}: {e.Message}");
            return 2;
        }
        ExportVerification result;
        try
        {
            await using var file = File.OpenRead(filePath);
            result = await ExportVerifier.VerifyAsync(file, manifest, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await output.WriteLineAsync($"error: file {filePath}: {e.Message}");
            return 2;
        }
        if (result.Intact)
        {
            await output.WriteLineAsync($"OK: {filePath} matches its manifest: {manifest.Type} export {manifest.ExportId}, " +
                                        $"{result.Actual.RowCount} rows, sha256 {result.Actual.Sha256}, generated {manifest.GeneratedAt:O} by {manifest.GeneratedBy}, " +
                                        $"audit chain head {manifest.AuditChainHead.Sequence} {manifest.AuditChainHead.Hash}.");
            return 0;
        }
        await output.WriteLineAsync($"FAILED: {filePath} does not match its manifest (export {manifest.ExportId}):");
        foreach (var difference in result.Differences)
            await output.WriteLineAsync($"  {difference}");
        return 1;
    }
}
