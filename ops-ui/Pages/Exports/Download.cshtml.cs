using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Op25b.Core;
using Op25b.Core.Exports;
using Op25b.OpsUi.Hosting;
using Op25b.OpsUi.Ports;
using Op25b.OpsUi.Resources;

namespace Op25b.OpsUi.Pages.Exports;

/// <summary>Downloads a finished export through its link, audited as the API's download is; an expired link says so.</summary>
[Authorize(Policy = ConsoleAuth.Auditors)]
public sealed class DownloadModel(IAuditorExports exports, IStringLocalizer<ConsoleText> text) : PageModel
{
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        try
        {
            var (export, stream) = await exports.OpenDownloadAsync(HttpContext, token, ct);
            if (stream is not null)
            {
                Response.Headers["X-Export-Sha256"] = export.Sha256;
                return File(stream, ExportFormats.ContentType(export.Format), export.FileName);
            }
            Error = text["Exports.Expired", export.Id];
            Response.StatusCode = 410;
        }
        catch (DomainRuleViolation violation)
        {
            Error = violation.Message;
            Response.StatusCode = violation.Kind == ViolationKind.NotFound ? 404 : 409;
        }
        return Page();
    }
}
