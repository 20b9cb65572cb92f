using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Core.Exemptions;
using Op25b.OpsUi.Hosting;
using Op25b.OpsUi.Ports;
using Op25b.Persistence;

namespace Op25b.OpsUi.Pages.Exemptions;

/// <summary>What the desk needs to decide one request without opening anything else.</summary>
public sealed record PendingRequest(Exemption Exemption, bool Eligible, IReadOnlyList<(string Prefix, bool Inside)> Prefixes, bool? OpenAbuseCase);

/// <summary>The exemption queue: pending requests with their pre-checks, approve / reject, and what expires soon.</summary>
public sealed class IndexModel(AdminDbContext db, IExemptionDecisions decisions, IAbuseCaseCheck abuseCases, ConsoleTime time) : PageModel
{
    public const int ExpiringDays = 30;

    public IReadOnlyList<PendingRequest> Pending { get; private set; } = [];
    public IReadOnlyList<Exemption> Expiring { get; private set; } = [];
    public string? Error { get; private set; }
    /// <summary>Resource key of the localised sentence shown above the rule's own (English) words.</summary>
    public string? ErrorKey { get; private set; }
    [TempData] public string? Done { get; set; }

    public bool CanDecide => ConsoleAuth.DeciderRoles.Any(User.IsInRole);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var requests = await db.Exemptions.AsNoTracking().Include(e => e.Subscriber).Include(e => e.Prefixes)
            .Where(e => e.Status == ExemptionStatus.Requested).OrderBy(e => e.RequestedAt).ToListAsync(ct);
        var subscriberIds = requests.Select(e => e.SubscriberId).Distinct().ToList();
        var assignments = await db.AddressAssignments.AsNoTracking().Where(a => subscriberIds.Contains(a.SubscriberId)).ToListAsync(ct);
        var productCodes = requests.Select(e => e.Subscriber!.ProductCode).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productCodes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, ct);

        var pending = new List<PendingRequest>();
        foreach (var e in requests)
        {
            var held = assignments.Where(a => a.SubscriberId == e.SubscriberId).ToList();
            var eligible = products.TryGetValue(e.Subscriber!.ProductCode, out var product)
                && ExemptionRequestRules.IsEligible(product, e.EligibilityOverrideReason);
            var prefixes = e.Prefixes.Select(p => (p.Prefix.ToString(), ExemptionRequestRules.IsInsideAssignments(p.Range, e.ValidFrom, e.ValidUntil, held)))
                .ToList();
            pending.Add(new PendingRequest(e, eligible, prefixes, await abuseCases.HasOpenCaseAsync(e.SubscriberId, ct)));
        }
        Pending = pending;

        var now = time.Now;
        var horizon = now.AddDays(ExpiringDays);
        Expiring = await db.Exemptions.AsNoTracking().Include(e => e.Subscriber).Include(e => e.Prefixes)
            .Where(e => (e.Status == ExemptionStatus.Active || e.Status == ExemptionStatus.Approved)
                        && e.ValidUntil != null && e.ValidUntil > now && e.ValidUntil <= horizon)
            .OrderBy(e => e.ValidUntil).ToListAsync(ct);
    }

    public Task<IActionResult> OnPostApproveAsync(long id, string? reason, CancellationToken ct) =>
        DecideAsync(id, "Exemptions.Approved", () => decisions.ApproveAsync(HttpContext, id, string.IsNullOrWhiteSpace(reason) ? null : reason, ct), ct);

    public Task<IActionResult> OnPostRejectAsync(long id, string? reason, CancellationToken ct) =>
        DecideAsync(id, "Exemptions.Rejected", () => decisions.RejectAsync(HttpContext, id, reason ?? "", ct), ct);

    private async Task<IActionResult> DecideAsync(long id, string doneKey, Func<Task> decide, CancellationToken ct)
    {
        if (!CanDecide)
            return Forbid(ConsoleAuth.Scheme);
        try
        {
            await decide();
        }
        catch (DomainRuleViolation violation)
        {
            // The rule's own words (four-eyes, window passed, reason missing): the desk must see why.
            ErrorKey = violation is { Kind: ViolationKind.Forbidden, Field: "approver" } ? "Exemptions.FourEyes" : "Exemptions.Refused";
            Error = $"#{id}: {violation.Message}";
            Response.StatusCode = ViolationStatus.Of(violation);
            await OnGetAsync(ct);
            return Page();
        }
        Done = $"{doneKey}|{id}";
        return RedirectToPage();
    }
}
