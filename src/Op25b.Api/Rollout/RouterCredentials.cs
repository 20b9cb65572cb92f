using Op25b.Core;

namespace Op25b.Api.Rollout;

/// <summary>
/// Resolves a router's credential reference to a private key file on this host:
/// "file:/path" names the file; any other value is a secret name looked up under
/// <c>RouterCredentials:&lt;name&gt;</c> in configuration (environment, a mounted secret, user secrets).
/// The key itself never enters the database or the logs.
/// </summary>
public sealed class RouterCredentials(IConfiguration configuration)
{
    public string ResolveKeyPath(string credentialRef)
    {
        var path = credentialRef.StartsWith("file:", StringComparison.Ordinal)
            ? credentialRef[5..]
            : configuration[$"RouterCredentials:{credentialRef}"]
              ?? throw new DomainRuleViolation(ViolationKind.Conflict, "credentialRef",
                  $"Credential '{credentialRef}' is not configured on this host (RouterCredentials:{credentialRef}).");
        if (!File.Exists(path))
            throw new DomainRuleViolation(ViolationKind.Conflict, "credentialRef", $"The key file for credential '{credentialRef}' does not exist on this host.");
        return path;
    }
}
