using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Op25b.Core.Exports;

/// <summary>Where the audit chain stood when an export was generated: the auditor can show the file was made against that trail.</summary>
public sealed record AuditChainHead(long Sequence, string Hash);

/// <summary>
/// The sidecar that travels with every export file: what was asked, what was written, and the
/// fingerprint (SHA-256, row count, byte count) that <see cref="ExportVerifier"/> checks a file against.
/// <see cref="FormulasNeutralised"/> says whether CSV text cells that start like a formula were
/// written with a leading apostrophe, so an auditor knows a cell's first <c>'</c> was added.
/// </summary>
public sealed record ExportManifest(
    int ManifestVersion,
    long ExportId,
    string Type,
    string Format,
    bool ByteOrderMark,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyList<string> Columns,
    long RowCount,
    long ByteCount,
    string Sha256,
    DateTimeOffset GeneratedAt,
    string GeneratedBy,
    AuditChainHead AuditChainHead,
    string FileName,
    bool FormulasNeutralised = false)
{
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="FormatException">Not a manifest.</exception>
    public static ExportManifest Parse(string json)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<ExportManifest>(json, Json);
            if (manifest is null || manifest.Sha256 is null || manifest.Format is null)
                throw new FormatException("The manifest lacks its sha256 or format.");
            return manifest;
        }
        catch (JsonException e)
        {
            throw new FormatException($"Not an export manifest: {e.Message}", e);
        }
    }

    /// <summary>A real manifest is a few kilobytes; an upload or file past this is refused before it is read further.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>
    /// Reads a manifest from an upload or a file in chunks, stopping at <see cref="MaxBytes"/>, and
    /// checks that its format is one this version knows.
    /// </summary>
    /// <exception cref="FormatException">Not a manifest, an unknown format, or larger than <see cref="MaxBytes"/>.</exception>
    public static async Task<ExportManifest> ReadAsync(Stream stream, CancellationToken ct = default)
    {
        using var text = new MemoryStream();
        var chunk = new byte[16 * 1024];
        for (int read; (read = await stream.ReadAsync(chunk, ct)) > 0;)
        {
            if (text.Length + read > MaxBytes)
                throw new FormatException($"The manifest is larger than {MaxBytes} bytes; a real one is a few kilobytes.");
            text.Write(chunk, 0, read);
        }
        var manifest = Parse(System.Text.Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length));
        _ = manifest.ParsedFormat;
        return manifest;
    }

    public ExportFormat ParsedFormat =>
        ExportFormats.TryParse(Format, out var format) ? format : throw new FormatException($"Unknown format '{Format}' in the manifest.");
}
