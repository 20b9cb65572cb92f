using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Core.Impact;
using Op25b.Core.Subscribers;
using Op25b.OpsUi.Hosting;
using Op25b.Persistence;
using Op25b.Routers.Smtp;

namespace Op25b.OpsUi.Pages.Impact;

/// <summary>
/// 影響判定 while the customer is on the phone: the primer's questions, the verdict and remedies
/// in the console's language, and a probe of the mail server they name. The decision is
/// <see cref="ImpactCheck.Decide"/> and the probe <see cref="SmtpSubmissionProbe"/>, as at the API.
/// </summary>
[Authorize(Policy = ConsoleAuth.ImpactCheckers)]
public sealed class IndexModel(AdminDbContext db, SmtpSubmissionProbe probe) : PageModel
{
    [BindProperty] public string? ProductCode { get; set; }
    /// <summary>Asked only when the product is not known (a caller who cannot say which contract they have).</summary>
    [BindProperty] public bool? LineInScope { get; set; }
    [BindProperty] public bool WebmailOnly { get; set; }
    [BindProperty] public MailServerKind? SmtpServer { get; set; }
    [BindProperty] public int? SmtpPort { get; set; }
    [BindProperty] public bool Roaming { get; set; }
    [BindProperty] public string? Host { get; set; }

    public IReadOnlyList<Product> Products { get; private set; } = [];
    public ImpactDecision? Decision { get; private set; }
    public SmtpProbeReport? Report { get; private set; }
    public string? ErrorKey { get; private set; }
    public string? ErrorDetail { get; private set; }

    public bool CanProbe => ConsoleAuth.AbuseDeskRoles.Any(User.IsInRole);
    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task OnGetAsync(CancellationToken ct) =>
        Products = await db.Products.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);

    public async Task<IActionResult> OnPostDecideAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        var inScope = string.IsNullOrWhiteSpace(ProductCode) ? LineInScope : Products.FirstOrDefault(p => p.Code == ProductCode)?.InBlockingScope;
        if (inScope is null)
            return Refuse("Impact.NeedLine", null, 422);
        try
        {
            Decision = ImpactCheck.Decide(new ImpactCheckInput(inScope.Value, WebmailOnly, SmtpServer, SmtpPort, Roaming));
        }
        catch (DomainRuleViolation violation)
        {
            return Refuse("Impact.Incomplete", violation.Message, ViolationStatus.Of(violation));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostProbeAsync(CancellationToken ct)
    {
        if (!CanProbe)
            return Forbid(ConsoleAuth.Scheme);
        await OnGetAsync(ct);
        try
        {
            Report = await probe.ProbeAsync(Host?.Trim() ?? "", ct);
        }
        catch (DomainRuleViolation violation)
        {
            return Refuse("Impact.ProbeRefused", violation.Message, ViolationStatus.Of(violation));
        }
        return Page();
    }

    private PageResult Refuse(string key, string? detail, int status)
    {
        (ErrorKey, ErrorDetail) = (key, detail);
        Response.StatusCode = status;
        return Page();
    }
}
