using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Op25b.Core;
using Op25b.Core.Deployments;
using Op25b.OpsUi.Hosting;
using Op25b.OpsUi.Ports;
using Op25b.Persistence.Deployments;

namespace Op25b.OpsUi.Pages.Routers;

/// <summary>Every router's live version, last deployment and drift; held versions to confirm.</summary>
public sealed class IndexModel(RouterStatusReader reader, IRouterRollout rollout) : PageModel
{
    public IReadOnlyList<RouterStatus> Routers { get; private set; } = [];
    public IReadOnlyList<Deployment> Held { get; private set; } = [];
    public string? Error { get; private set; }
    [TempData] public string? Done { get; set; }

    public bool CanDeploy => ConsoleAuth.NetworkAdminRoles.Any(User.IsInRole);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Routers = await reader.ListAsync(ct);
        Held = await reader.HeldAsync(ct);
    }

    public async Task<IActionResult> OnPostConfirmAsync(long id, string? reason, CancellationToken ct)
    {
        if (!CanDeploy)
            return Forbid(ConsoleAuth.Scheme);
        try
        {
            if (string.IsNullOrWhiteSpace(reason))
                throw new DomainRuleViolation(ViolationKind.Invalid, "reason", "Say why the mass removal is intended.");
            await rollout.ConfirmHeldAsync(HttpContext, id, reason, ct);
        }
        catch (DomainRuleViolation violation)
        {
            Error = $"#{id}: {violation.Message}";
            Response.StatusCode = 409;
            await OnGetAsync(ct);
            return Page();
        }
        Done = id.ToString();
        return RedirectToPage();
    }
}
