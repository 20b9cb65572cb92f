namespace Op25b.Persistence.Audit;

/// <summary>
/// What happened, as the caller describes it; the trail adds sequence, time and hashes.
/// The entity id and the snapshots may be deferred (a <see cref="Func{T}"/>): they are read
/// after the entity rows are saved, so database-generated ids appear in the record.
/// </summary>
public sealed record AuditRecord(
    string Action,
    string EntityType,
    Func<string> EntityId,
    object? Before,
    object? After,
    string? Reason = null)
{
    public AuditRecord(string action, string entityType, string entityId, object? before, object? after, string? reason = null)
        : this(action, entityType, () => entityId, before, after, reason)
    {
    }
}

/// <summary>Who did it and within which request.</summary>
public sealed record AuditActor(string Name, string Role, string? RequestId)
{
    public static readonly AuditActor System = new("system", "system", null);

    /// <summary>A signed-in caller (key or console user): name, the most privileged role held, and the request id.</summary>
    public static AuditActor Of(System.Security.Claims.ClaimsPrincipal user, string? requestId) =>
        new(user.Identity?.Name ?? "anonymous", Op25b.Core.Access.Roles.All.Reverse().FirstOrDefault(user.IsInRole) ?? "none", requestId);
}
