namespace Op25b.Core.Exports;

/// <summary>The outcome of checking a file against its manifest; <see cref="Differences"/> names each mismatch.</summary>
public sealed record ExportVerification(bool Intact, IReadOnlyList<string> Differences, FileFingerprint Actual, string ExpectedSha256, long ExpectedRows);

/// <summary>Checks an export file against its manifest: hash, row count and size must all agree.</summary>
public static class ExportVerifier
{
    public static async Task<ExportVerification> VerifyAsync(Stream file, ExportManifest manifest, CancellationToken ct = default)
    {
        var actual = await FileFingerprint.ComputeAsync(file, manifest.ParsedFormat, ct);
        return Compare(actual, manifest);
    }

    public static ExportVerification Compare(FileFingerprint actual, ExportManifest manifest)
    {
        var differences = new List<string>();
        if (!string.Equals(actual.Sha256, manifest.Sha256, StringComparison.OrdinalIgnoreCase))
            differences.Add($"sha256: the file hashes to {actual.Sha256}, the manifest says {manifest.Sha256}");
        if (actual.RowCount != manifest.RowCount)
            differences.Add($"row count: the file has {actual.RowCount} rows, the manifest says {manifest.RowCount}");
        if (actual.ByteCount != manifest.ByteCount)
            differences.Add($"size: the file has {actual.ByteCount} bytes, the manifest says {manifest.ByteCount}");
        return new ExportVerification(differences.Count == 0, differences, actual, manifest.Sha256, manifest.RowCount);
    }
}
