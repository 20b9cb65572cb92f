using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Op25b.Core.Exports;
using Op25b.OpsUi.Hosting;
using Op25b.Persistence;

namespace Op25b.OpsUi.Pages.Exports;

/// <summary>
/// An export's manifest as recorded when it finished: the stored text byte for byte (the same as
/// the sidecar and the API's copy), so a verifier gets exactly what the runner wrote.
/// </summary>
[Authorize(Policy = ConsoleAuth.Auditors)]
public sealed class ManifestModel(AdminDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var json = await db.ExportFiles.AsNoTracking().Where(e => e.Id == id).Select(e => e.Manifest).SingleOrDefaultAsync(ct);
        if (json is null)
            return NotFound();
        return File(Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8", ExportManifest.Parse(json).FileName + ".manifest.json");
    }
}
