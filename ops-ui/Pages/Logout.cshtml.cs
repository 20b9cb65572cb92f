using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Op25b.OpsUi.Hosting;

namespace Op25b.OpsUi.Pages;

/// <summary>Sign-out is a POST (with the anti-forgery token), so a link on another site cannot sign the desk out.</summary>
public sealed class LogoutModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/ops");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleAuth.Scheme);
        return LocalRedirect("/ops/login");
    }
}
