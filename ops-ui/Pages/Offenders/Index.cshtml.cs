using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Op25b.Core;
using Op25b.Core.Abuse;
using Op25b.OpsUi.Hosting;
using Op25b.OpsUi.Ports;
using Op25b.Persistence.Abuse;

namespace Op25b.OpsUi.Pages.Offenders;

/// <summary>Who crosses the offender thresholds now, with the figures, and a case opened from them in one click.</summary>
[Authorize(Policy = ConsoleAuth.AbuseReaders)]
public sealed class IndexModel(OffenderDetector detector, IOptions<OffenderThresholds> thresholds, IAbuseCaseDesk desk, ConsoleTime time) : PageModel
{
    public IReadOnlyList<Offender> Offenders { get; private set; } = [];
    public OffenderThresholds Thresholds => thresholds.Value;
    public DateTimeOffset ObservedFrom { get; private set; }
    /// <summary>Resource key of the localised sentence, and the rule's own (English) words when there are any.</summary>
    public string? ErrorKey { get; private set; }
    public string? ErrorDetail { get; private set; }

    public bool CanWork => ConsoleAuth.AbuseDeskRoles.Any(User.IsInRole);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ObservedFrom = OffenderWindow.At(time.Now, Thresholds).ObservedFrom;
        Offenders = await detector.FindAsync(time.Now, Thresholds, ct);
    }

    /// <summary>
    /// The figures are looked up again here rather than taken from the form: the case records
    /// what the rules saw, not what a browser posted back.
    /// </summary>
    public async Task<IActionResult> OnPostOpenAsync(long subscriberId, CancellationToken ct)
    {
        if (!CanWork)
            return Forbid(ConsoleAuth.Scheme);
        var offender = (await detector.FindAsync(time.Now, Thresholds, ct)).FirstOrDefault(o => o.SubscriberId == subscriberId);
        if (offender is null)
            return await RefuseAsync(404, "Offenders.Gone", null, ct);
        try
        {
            var id = await desk.OpenAsync(HttpContext, subscriberId, offender.Finding.PrimaryTrigger, offender.Reason, offender.Finding, null, ct);
            return Redirect($"/ops/cases/{id}");
        }
        catch (DomainRuleViolation violation)
        {
            return await RefuseAsync(ViolationStatus.Of(violation), "Cases.Refused", violation.Message, ct);
        }
    }

    private async Task<IActionResult> RefuseAsync(int status, string key, string? detail, CancellationToken ct)
    {
        Response.StatusCode = status;
        (ErrorKey, ErrorDetail) = (key, detail);
        await OnGetAsync(ct);
        return Page();
    }
}
