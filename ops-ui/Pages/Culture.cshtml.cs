using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Op25b.OpsUi.Hosting;

namespace Op25b.OpsUi.Pages;

/// <summary>The language switch: remembered in the culture cookie for a year, so every later page follows it.</summary>
public sealed class CultureModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/ops");

    public IActionResult OnPost(string culture, string? returnUrl)
    {
        if (ConsoleSetup.Cultures.Any(c => c.Name == culture))
            Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, Path = "/ops",
                    Secure = Request.IsHttps });
        // Only a path inside this site: an open redirect would let a link send the desk anywhere.
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/ops");
    }
}
