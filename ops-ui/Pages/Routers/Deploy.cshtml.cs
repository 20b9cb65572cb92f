using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Op25b.Core;
using Op25b.OpsUi.Hosting;
using Op25b.OpsUi.Ports;

namespace Op25b.OpsUi.Pages.Routers;

/// <summary>
/// Deploy in two steps: the dry run's plan and difference first, then a deploy of exactly the
/// version that was shown (its id travels in the form), never a newer one compiled meanwhile.
/// </summary>
[Authorize(Policy = ConsoleAuth.NetworkAdmins)]
public sealed class DeployModel(IRouterRollout rollout) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Name { get; set; } = "";
    public DeployPreview? Preview { get; private set; }
    public string? Error { get; private set; }
    public long? DeploymentId { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Preview = await rollout.PreviewAsync(HttpContext, Name, ct);
        }
        catch (DomainRuleViolation violation)
        {
            Error = violation.Message;
            Response.StatusCode = violation.Kind == ViolationKind.NotFound ? 404 : 409;
        }
    }

    public async Task<IActionResult> OnPostAsync(long ruleSetId, string? reason, CancellationToken ct)
    {
        try
        {
            DeploymentId = await rollout.DeployAsync(HttpContext, Name, ruleSetId, string.IsNullOrWhiteSpace(reason) ? null : reason, ct);
        }
        catch (DomainRuleViolation violation)
        {
            Error = violation.Message;
            Response.StatusCode = 409;
        }
        return Page();
    }
}
