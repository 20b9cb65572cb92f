namespace Op25b.Core.Access;

/// <summary>
/// A credential for a machine or person calling the API. Only a hash of the secret is stored;
/// the full key is shown once, at creation. Keys are revoked, never deleted, so the audit
/// trail's actor names stay resolvable.
/// </summary>
public sealed class ApiKey
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Public part of the key, used to find the row without scanning hashes.</summary>
    public required string KeyId { get; set; }
    public required string SecretHash { get; set; }
    public required string Roles { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
