using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Op25b.Core.Subscribers;
using Op25b.Persistence;

namespace Op25b.OpsUi.Pages.Subscribers;

/// <summary>Find a subscriber by external id or name; an exact id goes straight to the subscriber's page.</summary>
public sealed class IndexModel(AdminDbContext db) : PageModel
{
    public const int Limit = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public IReadOnlyList<Subscriber> Found { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Q))
            return Page();
        var q = Q.Trim();
        if (await db.Subscribers.AnyAsync(s => s.ExternalId == q, ct))
            return Redirect($"/ops/subscribers/{Uri.EscapeDataString(q)}");
        Found = await db.Subscribers.AsNoTracking().Where(s => s.ExternalId.Contains(q) || s.DisplayName.Contains(q))
            .OrderBy(s => s.ExternalId).Take(Limit).ToListAsync(ct);
        return Page();
    }
}
