using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Op25b.Core.Exports;
using Op25b.OpsUi.Hosting;

namespace Op25b.OpsUi.Pages.Exports;

/// <summary>
/// Checks a file an auditor holds against its manifest (both uploaded), with the same verifier as
/// the CLI and the API, so a copy passed around outside the system can be checked here too.
/// </summary>
[Authorize(Policy = ConsoleAuth.Auditors)]
// Exports run to hundreds of megabytes (10 million summary rows ≈ 300 MB); the default 30 MB request
// limit would refuse them. Uploads are buffered to a temporary file, not memory, and only auditors get here.
[RequestSizeLimit(MaxUpload)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUpload)]
public sealed class VerifyModel : PageModel
{
    public const long MaxUpload = 4L << 30;

    public ExportManifest? Manifest { get; private set; }
    public ExportVerification? Result { get; private set; }
    public string? FileName { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, IFormFile? manifest, CancellationToken ct)
    {
        if (file is null || manifest is null)
        {
            Error = "Exports.BothFiles";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        try
        {
            await using var upload = manifest.OpenReadStream();
            Manifest = await ExportManifest.ReadAsync(upload, ct);
        }
        catch (FormatException)
        {
            (Manifest, Error) = (null, "Exports.NotAManifest");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        FileName = Path.GetFileName(file.FileName);
        await using var stream = file.OpenReadStream();
        Result = await ExportVerifier.VerifyAsync(stream, Manifest, ct);
        return Page();
    }
}
