using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Core.Exports;
using Op25b.OpsUi.Hosting;
using Op25b.OpsUi.Ports;
using Op25b.Persistence;
using Op25b.Persistence.Exports;

namespace Op25b.OpsUi.Pages.Exports;

/// <summary>The auditor's exports: request one, follow its progress, download it and its manifest.</summary>
[Authorize(Policy = ConsoleAuth.Auditors)]
public sealed class IndexModel(AdminDbContext db, ExportCatalog catalog, ExportProgressBoard board, IAuditorExports exports, ConsoleTime time)
    : PageModel
{
    /// <summary>The list is for following recent work; older exports stay reachable through the API.</summary>
    public const int Listed = 30;

    public IReadOnlyCollection<string> Types => catalog.Types;
    public IReadOnlyList<(ExportFile Export, ExportStatus Status)> Exports { get; private set; } = [];
    [BindProperty] public ExportForm Form { get; set; } = new();
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }
    // A string: TempData serialises int but not long.
    [TempData] public string? Requested { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            if (!ExportFormats.TryParse(Form.Format, out var format))
                throw new DomainRuleViolation(ViolationKind.Invalid, "format", "format must be csv or jsonl.");
            var id = await exports.RequestAsync(HttpContext, Form.Type, format, Form.ByteOrderMark, Form.ToQuery(time.Zone), ct);
            Requested = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return RedirectToPage();
        }
        catch (DomainRuleViolation violation)
        {
            (Error, ErrorField) = (violation.Message, violation.Field);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
    }

    /// <summary>Progress of the listed exports for exports.js, which polls while any of them is queued or running.</summary>
    public async Task<IActionResult> OnGetStatusAsync([FromQuery] long[] id, CancellationToken ct)
    {
        var ids = id.Take(Listed).ToList();
        var rows = await db.ExportFiles.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct);
        return new JsonResult(rows.Select(e =>
        {
            var s = ExportStatus.Of(e, board, time.Now);
            return new { e.Id, State = e.State.ToString().ToLowerInvariant(), s.RowsWritten, e.EstimatedRows, s.Progress };
        }));
    }

    public static string Parameters(ExportFile e) =>
        string.Join(" ", ExportQuery.FromJson(e.Query).ToParameters().Select(p => $"{p.Key}={p.Value}"));

    /// <summary>Rows written against the estimate; exports.js writes the same text while polling.</summary>
    public static string Progress(ExportFile e, ExportStatus s) =>
        s.Progress is { } p ? $"{s.RowsWritten:N0} / {e.EstimatedRows:N0} ({p * 100:0}%)" : $"{s.RowsWritten:N0} / {e.EstimatedRows:N0}";

    private async Task LoadAsync(CancellationToken ct)
    {
        var rows = await db.ExportFiles.AsNoTracking().OrderByDescending(e => e.Id).Take(Listed).ToListAsync(ct);
        Exports = [.. rows.Select(e => (e, ExportStatus.Of(e, board, time.Now)))];
    }
}
