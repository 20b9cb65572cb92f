using System.Security.Claims;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Auth;

public static class Actor
{
    public static string NameOf(ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

    /// <summary>The caller as the audit trail records it: name, the most privileged role held, and the request id.</summary>
    public static AuditActor Of(HttpContext http) => AuditActor.Of(http.User, http.TraceIdentifier);
}
