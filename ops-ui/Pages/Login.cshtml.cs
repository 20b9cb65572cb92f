using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Op25b.Core.Access;
using Op25b.OpsUi.Hosting;
using Op25b.Persistence.Access;

namespace Op25b.OpsUi.Pages;

public sealed class LoginModel(ConsoleSignIn signIn, ConsoleSessions sessions, SignInLockout lockout) : PageModel
{
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>Resource key of the message to show.</summary>
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var client = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "";
        var result = await signIn.CheckAsync(Name.Trim(), Password, client, lockout, HttpContext.TraceIdentifier, ct);
        if (result.Outcome != SignInOutcome.Succeeded)
        {
            Error = result.Outcome == SignInOutcome.LockedOut ? "Login.LockedOut" : "Login.Failed";
            return Page();
        }

        var user = result.User!;
        var handle = await sessions.StartAsync(user, client, Request.Headers.UserAgent.ToString(),
            HttpContext.TraceIdentifier, ct);
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.ActorName), new("console_user", user.Name), new(ConsoleSessionValidation.HandleClaim, handle),
        };
        claims.AddRange(user.RoleList.Select(r => new Claim(ClaimTypes.Role, r)));
        await HttpContext.SignInAsync(ConsoleAuth.Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, ConsoleAuth.Scheme)));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/ops");
    }
}
