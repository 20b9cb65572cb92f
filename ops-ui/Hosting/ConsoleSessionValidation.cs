using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Op25b.Persistence.Access;

namespace Op25b.OpsUi.Hosting;

/// <summary>
/// Checks the session row behind every console cookie. The cookie alone would stay valid until
/// it expires, whoever holds a copy; the row is what sign-out, disabling a user, a password
/// change and an admin end.
/// </summary>
public sealed class ConsoleSessionValidation(ConsoleSessions sessions) : CookieAuthenticationEvents
{
    public const string HandleClaim = "console_session";

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var handle = context.Principal?.FindFirst(HandleClaim)?.Value;
        if (handle is not null && await sessions.IsActiveAsync(handle, context.HttpContext.RequestAborted))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(ConsoleAuth.Scheme);
    }
}
