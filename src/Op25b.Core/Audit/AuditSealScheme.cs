namespace Op25b.Core.Audit;

/// <summary>How an entry's <see cref="AuditEntry.Hash"/> was made; stored per entry so older entries keep verifying.</summary>
public enum AuditSealScheme
{
    /// <summary>
    /// Plain SHA-256, as every entry was sealed before keyed sealing: anyone who can write the
    /// database can recompute it. Accepted only before the first keyed entry in the chain.
    /// </summary>
    Sha256 = 0,

    /// <summary>HMAC-SHA256 under a key kept outside the database, named by <see cref="AuditEntry.KeyId"/>.</summary>
    HmacSha256 = 1,
}
