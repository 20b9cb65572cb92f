using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Op25b.Core.Access;
using Op25b.Api.Http;
using Op25b.Persistence;

namespace Op25b.Api.Auth;

/// <summary>
/// Accepts <c>Authorization: ApiKey &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>. The key is never
/// logged; only its public key id appears in diagnostics.
/// </summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public new const string Scheme = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey();
        if (presented is null)
            return AuthenticateResult.NoResult();
        if (!ApiKeySecret.TrySplit(presented, out var keyId, out var secret))
            return AuthenticateResult.Fail("malformed API key");

        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyId == keyId, Context.RequestAborted);
        if (key is null || key.RevokedAt is not null || !ApiKeySecret.Matches(secret, key.SecretHash))
            return AuthenticateResult.Fail("unknown or revoked API key");

        var claims = new List<Claim> { new(ClaimTypes.Name, $"key:{key.Name}"), new("key_id", key.KeyId) };
        claims.AddRange(key.RoleList.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status401Unauthorized, "Authentication required",
            $"Send an API key as 'Authorization: {Scheme} <key>' or '{HeaderName}: <key>'.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status403Forbidden, "Role not allowed",
            "This API key does not hold a role that this endpoint admits.");

    private string? PresentedKey()
    {
        if (Request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrWhiteSpace(header))
            return header.ToString();
        var authorization = Request.Headers.Authorization.ToString();
        return authorization.StartsWith(Scheme + " ", StringComparison.OrdinalIgnoreCase)
            ? authorization[(Scheme.Length + 1)..]
            : null;
    }
}
