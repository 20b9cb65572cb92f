using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Core.Access;
using Op25b.Persistence.Audit;

namespace Op25b.Persistence.Access;

/// <summary>Issues and revokes API keys, audited; shared by the CLI and the admin API.</summary>
public sealed class ApiKeyRegistry(AdminDbContext db, AuditTrail audit, TimeProvider clock)
{
    public sealed record Issued(ApiKey Key, string FullKey);

    public async Task<Issued> CreateAsync(string name, IReadOnlyCollection<string> roles, AuditActor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
            throw new DomainRuleViolation(ViolationKind.Invalid, "name", "A key name of 1–200 characters is required.");
        Roles.RequireValid(roles);
        if (await db.ApiKeys.AnyAsync(k => k.Name == name && k.RevokedAt == null, ct))
            throw new DomainRuleViolation(ViolationKind.Conflict, "name", $"An active key named '{name}' exists; revoke it first or pick another name.");

        var (fullKey, keyId, secretHash) = ApiKeySecret.Generate();
        var key = new ApiKey
        {
            Name = name, KeyId = keyId, SecretHash = secretHash, Roles = string.Join(',', roles.Distinct()),
            CreatedAt = clock.GetUtcNow(), CreatedBy = actor.Name,
        };
        db.ApiKeys.Add(key);
        audit.Record(actor, new AuditRecord("apikey.created", "apikey", keyId, null, Describe(key)));
        await audit.SaveAsync(ct);
        return new Issued(key, fullKey);
    }

    public async Task<ApiKey> RevokeAsync(string nameOrKeyId, AuditActor actor, string? reason, CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => (k.Name == nameOrKeyId || k.KeyId == nameOrKeyId) && k.RevokedAt == null, ct)
            ?? throw new DomainRuleViolation(ViolationKind.NotFound, "key", $"No active key named or with id '{nameOrKeyId}'.");
        var before = Describe(key);
        key.RevokedAt = clock.GetUtcNow();
        audit.Record(actor, new AuditRecord("apikey.revoked", "apikey", key.KeyId, before, Describe(key), reason));
        await audit.SaveAsync(ct);
        return key;
    }

    /// <summary>What the audit trail keeps of a key: never the secret or its hash.</summary>
    public static object Describe(ApiKey k) => new { k.Name, k.KeyId, k.Roles, k.CreatedAt, k.CreatedBy, k.RevokedAt };
}
