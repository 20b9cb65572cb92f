using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Op25b.Core;
using Op25b.OpsUi.Hosting;
using Op25b.Persistence.Access;
using Op25b.Persistence.Audit;

namespace Op25b.OpsUi.Pages.Sessions;

/// <summary>Every open console session, for admins to end one or all of a user's (a lost laptop, a leaver).</summary>
[Authorize(Policy = ConsoleAuth.Admins)]
public sealed class IndexModel(ConsoleSessions sessions, ConsoleUserRegistry users) : PageModel
{
    public IReadOnlyList<ActiveConsoleSession> Sessions { get; private set; } = [];
    public string? Error { get; private set; }
    [TempData] public string? Ended { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Sessions = await sessions.ListActiveAsync(ct);

    public Task<IActionResult> OnPostEndAsync(long id, CancellationToken ct) =>
        EndAsync(id.ToString(), () => sessions.EndByIdAsync(id, Actor, "ended by an admin", ct), ct);

    public Task<IActionResult> OnPostEndAllAsync(string user, CancellationToken ct) =>
        EndAsync(user, () => users.EndSessionsAsync(user, Actor, "ended by an admin", ct), ct);

    private AuditActor Actor => AuditActor.Of(User, HttpContext.TraceIdentifier);

    private async Task<IActionResult> EndAsync(string what, Func<Task> end, CancellationToken ct)
    {
        try
        {
            await end();
        }
        catch (DomainRuleViolation violation)
        {
            Error = violation.Message;
            Response.StatusCode = ViolationStatus.Of(violation);
            await OnGetAsync(ct);
            return Page();
        }
        Ended = what;
        return RedirectToPage();
    }
}
