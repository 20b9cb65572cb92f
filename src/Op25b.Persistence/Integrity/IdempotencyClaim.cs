namespace Op25b.Persistence.Integrity;

/// <summary>
/// A request with an <c>Idempotency-Key</c> that is being processed now. The row commits before
/// the work starts, so a retry arriving meanwhile sees it (409) instead of doing the work twice,
/// and is deleted in the transaction that stores the result. It is a lease, not a lock: a claim
/// older than <see cref="IdempotencyClaims.Lease"/> was left by a crashed request and may be taken over.
/// </summary>
public sealed class IdempotencyClaim
{
    public long Id { get; set; }
    /// <summary>The operation the key belongs to, e.g. "POST /exemptions": one key may not mean two things.</summary>
    public required string Operation { get; set; }
    /// <summary>Keys are the client's: two clients may pick the same one.</summary>
    public required string Owner { get; set; }
    public required string Key { get; set; }
    /// <summary>SHA-256 of the request's content, to tell a retry from a different request reusing the key.</summary>
    public required string Fingerprint { get; set; }
    public DateTimeOffset ClaimedAt { get; set; }
}
