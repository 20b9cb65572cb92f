namespace Op25b.Core.Audit;

/// <summary>
/// One change, append-only. <see cref="Hash"/> covers every field and the previous entry's
/// hash, so altering, removing or reordering any stored entry breaks the chain from there on.
/// Since keyed sealing it is an HMAC under a key outside the database (<see cref="SealScheme"/>).
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Position in the chain, 1-based, gap-free; assigned by the writer, not the database.</summary>
    public long Sequence { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Actor { get; set; }
    public required string ActorRole { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    /// <summary>JSON text of the entity before the change; stored verbatim because it is hashed.</summary>
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? RequestId { get; set; }
    public string? Reason { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
    public AuditSealScheme SealScheme { get; set; }
    /// <summary>The <see cref="AuditKey.Id"/> of the key that sealed a keyed entry; null for plain SHA-256.</summary>
    public string? KeyId { get; set; }
}
