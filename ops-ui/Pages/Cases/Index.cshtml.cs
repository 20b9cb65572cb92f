using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Core.Abuse;
using Op25b.OpsUi.Hosting;
using Op25b.OpsUi.Ports;
using Op25b.Persistence;
using Op25b.Persistence.Abuse;

namespace Op25b.OpsUi.Pages.Cases;

/// <summary>Abuse cases, newest first, filtered by state; and a case opened by hand (a complaint, a blocklist listing).</summary>
[Authorize(Policy = ConsoleAuth.AbuseReaders)]
public sealed class IndexModel(AbuseCaseQueries queries, IAbuseCaseDesk desk, AdminDbContext db) : PageModel
{
    public const int Limit = 200;

    /// <summary>A state name, or "unresolved"; anything else lists every case.</summary>
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    public IReadOnlyList<AbuseCase> Cases { get; private set; } = [];
    public string? Error { get; private set; }

    public bool CanWork => ConsoleAuth.AbuseDeskRoles.Any(User.IsInRole);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var filter = State == "unresolved" ? new AbuseCaseFilter(Unresolved: true, Limit: Limit)
            : new AbuseCaseFilter(State: Enum.TryParse<AbuseCaseState>(State, true, out var s) ? s : null, Limit: Limit);
        Cases = await queries.ListAsync(filter, ct);
    }

    public async Task<IActionResult> OnPostOpenAsync(string subscriber, string reason, string? note, CancellationToken ct)
    {
        if (!CanWork)
            return Forbid(ConsoleAuth.Scheme);
        try
        {
            var externalId = subscriber?.Trim() ?? "";
            var subscriberId = await db.Subscribers.Where(x => x.ExternalId == externalId).Select(x => (long?)x.Id).FirstOrDefaultAsync(ct)
                ?? throw new DomainRuleViolation(ViolationKind.Invalid, "subscriber", $"No subscriber with external id '{externalId}'.");
            if (string.IsNullOrWhiteSpace(reason))
                throw new DomainRuleViolation(ViolationKind.Invalid, "reason", "A reason is required.");
            var id = await desk.OpenAsync(HttpContext, subscriberId, AbuseCaseTrigger.Manual, reason.Trim(), null, note, ct);
            return Redirect($"/ops/cases/{id}");
        }
        catch (DomainRuleViolation violation)
        {
            Response.StatusCode = ViolationStatus.Of(violation);
            Error = violation.Message;
            await OnGetAsync(ct);
            return Page();
        }
    }
}
