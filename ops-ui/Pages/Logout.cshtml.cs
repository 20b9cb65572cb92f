using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Op25b.OpsUi.Hosting;
using Op25b.Persistence.Access;
using Op25b.Persistence.Audit;

namespace Op25b.OpsUi.Pages;

/// <summary>
/// Sign-out is a POST (with the anti-forgery token), so a link on another site cannot sign the desk out.
/// It ends the session row, so a copy of the cookie taken before is refused from then on.
/// </summary>
public sealed class LogoutModel(ConsoleSessions sessions) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/ops");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.FindFirst(ConsoleSessionValidation.HandleClaim)?.Value is { } handle)
            await sessions.EndAsync(handle, AuditActor.Of(User, HttpContext.TraceIdentifier), "signed out", ct);
        await HttpContext.SignOutAsync(ConsoleAuth.Scheme);
        return LocalRedirect("/ops/login");
    }
}
