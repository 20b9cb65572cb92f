using Microsoft.EntityFrameworkCore;

namespace Op25b.Persistence.Integrity;

public enum ClaimOutcome
{
    /// <summary>This request holds the key now and must do the work, or release the claim.</summary>
    Claimed,
    /// <summary>Another request with the key and the same content is still being processed.</summary>
    InFlight,
    /// <summary>The key is held by a request with different content.</summary>
    DifferentRequest,
}

/// <summary>
/// Claims an idempotency key before the work, in its own committed write, following the IETF
/// Idempotency-Key draft: same key in flight is a conflict, same key with another body is an error.
/// </summary>
public sealed class IdempotencyClaims(AdminDbContext db, TimeProvider clock)
{
    /// <summary>Longer than any request takes; a claim this old belongs to a request that died.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public async Task<(ClaimOutcome Outcome, IdempotencyClaim? Claim)> TryClaimAsync(
        string operation, string owner, string key, string fingerprint, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var claim = new IdempotencyClaim { Operation = operation, Owner = owner, Key = key, Fingerprint = fingerprint, ClaimedAt = clock.GetUtcNow() };
            db.IdempotencyClaims.Add(claim);
            try
            {
                await db.SaveChangesAsync(ct);
                return (ClaimOutcome.Claimed, claim);
            }
            catch (DbUpdateException e) when (ConstraintViolation.Find(e) is not null)
            {
                db.Entry(claim).State = EntityState.Detached;
            }

            var held = await db.IdempotencyClaims.AsNoTracking()
                .FirstOrDefaultAsync(c => c.Operation == operation && c.Owner == owner && c.Key == key, ct);
            if (held is null && attempt < 3)
                continue; // released between our insert and our read: try again
            if (held is null)
                return (ClaimOutcome.InFlight, null);
            if (held.Fingerprint != fingerprint)
                return (ClaimOutcome.DifferentRequest, null);
            if (held.ClaimedAt + Lease > clock.GetUtcNow())
                return (ClaimOutcome.InFlight, null);
            return await TakeOverAsync(held, ct);
        }
    }

    /// <summary>Drops the claim with the result's write (call before saving the result).</summary>
    public void ReleaseWithResult(IdempotencyClaim claim) => db.IdempotencyClaims.Remove(claim);

    /// <summary>The work failed: free the key at once so the client's retry runs the work again.</summary>
    public async Task AbandonAsync(IdempotencyClaim claim) =>
        await db.IdempotencyClaims.Where(c => c.Id == claim.Id).ExecuteDeleteAsync(CancellationToken.None);

    /// <summary>Only one of several requests finding the same dead claim wins it: the update names the old lease.</summary>
    private async Task<(ClaimOutcome, IdempotencyClaim?)> TakeOverAsync(IdempotencyClaim held, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var taken = await db.IdempotencyClaims.Where(c => c.Id == held.Id && c.ClaimedAt == held.ClaimedAt)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedAt, now), ct);
        if (taken == 0)
            return (ClaimOutcome.InFlight, null);
        held.ClaimedAt = now;
        db.IdempotencyClaims.Attach(held);
        return (ClaimOutcome.Claimed, held);
    }
}
