using FastEndpoints;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Op25b.Api.Auth;
using Op25b.Core;
using Op25b.Core.Exports;

namespace Op25b.Api.Features.Exports.Verify;

/// <summary>
/// Verifies an uploaded file against an uploaded manifest (multipart/form-data, parts <c>file</c> and
/// <c>manifest</c>, in either order). The file part is hashed and counted as it streams in, for both
/// formats at once, so the upload is never held in memory whatever its size; the manifest part is
/// read in chunks and refused past <see cref="ExportManifest.MaxBytes"/> (1 MiB).
/// </summary>
public sealed class Endpoint : EndpointWithoutRequest<ExportVerification>
{
    public override void Configure()
    {
        Post("/exports/verify");
        Roles(Allow.Auditors);
        Summary(s => s.Summary = "Verify an uploaded export file against its manifest (multipart: file, manifest); names what differs");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var boundary = MediaTypeHeaderValue.TryParse(HttpContext.Request.ContentType, out var type)
            ? HeaderUtilities.RemoveQuotes(type.Boundary).Value : null;
        if (string.IsNullOrEmpty(boundary))
            throw new DomainRuleViolation(ViolationKind.Invalid, "body", "Send multipart/form-data with the parts 'file' and 'manifest'.");

        ExportManifest? manifest = null;
        (FileFingerprint Csv, FileFingerprint Jsonl)? file = null;
        var reader = new MultipartReader(boundary, HttpContext.Request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                var name = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var d) ? HeaderUtilities.RemoveQuotes(d.Name).Value : null;
                if (name == "manifest")
                    manifest = await ReadManifestAsync(section.Body, ct);
                else if (name == "file")
                    file = await FileFingerprint.ComputeBothAsync(section.Body, ct);
            }
        }
        // A broken boundary, a truncated part or an overlong header line is the client's mistake; the body
        // limit (BadHttpRequestException, also an IOException) keeps its own 413.
        catch (Exception e) when (e is InvalidDataException or IOException && e is not BadHttpRequestException && !ct.IsCancellationRequested)
        {
            throw new DomainRuleViolation(ViolationKind.Invalid, "body", $"The multipart body is malformed: {e.Message}");
        }
        if (manifest is null)
            throw new DomainRuleViolation(ViolationKind.Invalid, "manifest", "The 'manifest' part is missing.");
        if (file is not { } fingerprints)
            throw new DomainRuleViolation(ViolationKind.Invalid, "file", "The 'file' part is missing.");
        await Send.OkAsync(ExportVerifier.Compare(manifest.ParsedFormat == ExportFormat.Csv ? fingerprints.Csv : fingerprints.Jsonl, manifest), ct);
    }

    private static async Task<ExportManifest> ReadManifestAsync(Stream part, CancellationToken ct)
    {
        try
        {
            return await ExportManifest.ReadAsync(part, ct);
        }
        catch (FormatException e)
        {
            throw new DomainRuleViolation(ViolationKind.Invalid, "manifest", e.Message);
        }
    }
}
