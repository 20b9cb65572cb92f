using System.Security.Cryptography;

namespace Op25b.Core.Exports;

/// <summary>What a file actually is: its SHA-256, size and the number of data rows in it.</summary>
public sealed record FileFingerprint(string Sha256, long ByteCount, long RowCount)
{
    public static async Task<FileFingerprint> ComputeAsync(Stream file, ExportFormat format, CancellationToken ct = default)
    {
        var (csv, jsonl) = await ComputeBothAsync(file, ct);
        return format == ExportFormat.Csv ? csv : jsonl;
    }

    /// <summary>
    /// Reads the file once and counts rows as each format defines them: JSON Lines, one per LF;
    /// CSV (RFC 4180), one per line end outside quotes (a quoted field may hold line breaks), less
    /// the header record. Both at once, for a caller that learns the format only afterwards.
    /// </summary>
    public static async Task<(FileFingerprint Csv, FileFingerprint JsonLines)> ComputeBothAsync(Stream file, CancellationToken ct = default)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long bytes = 0, lines = 0, records = 0;
        var inQuotes = false;
        var last = (byte)'\n';
        int read;
        while ((read = await file.ReadAsync(buffer, ct)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            sha.AppendData(span);
            bytes += read;
            lines += span.Count((byte)'\n');
            foreach (var b in span)
            {
                if (b == (byte)'"')
                    inQuotes = !inQuotes;
                else if (b == (byte)'\n' && !inQuotes)
                    records++;
            }
            last = span[^1];
        }
        // A last record without its line end still counts.
        if (bytes > 0 && last != (byte)'\n')
            (lines, records) = (lines + 1, records + 1);
        var hash = Convert.ToHexStringLower(sha.GetCurrentHash());
        return (new FileFingerprint(hash, bytes, Math.Max(0, records - 1)), new FileFingerprint(hash, bytes, lines));
    }
}
