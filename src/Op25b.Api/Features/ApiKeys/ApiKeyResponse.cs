using Op25b.Core.Access;

namespace Op25b.Api.Features.ApiKeys;

public sealed record ApiKeyResponse(string KeyId, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt)
{
    public static ApiKeyResponse From(ApiKey k) => new(k.KeyId, k.Name, k.RoleList, k.CreatedAt, k.CreatedBy, k.RevokedAt);
}
