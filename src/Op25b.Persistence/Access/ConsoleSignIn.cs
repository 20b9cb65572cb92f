using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Op25b.Core.Access;
using Op25b.Persistence.Audit;

namespace Op25b.Persistence.Access;

public enum SignInOutcome { Succeeded, Failed, LockedOut }

public sealed record SignInResult(SignInOutcome Outcome, ConsoleUser? User);

/// <summary>
/// Checks a console user's password with the lockout rule. Unknown, disabled, locked and wrong
/// all look the same to the caller except "locked", which the user needs to know to stop trying.
/// </summary>
public sealed class ConsoleSignIn(AdminDbContext db, AuditTrail audit, TimeProvider clock, IPasswordHasher<ConsoleUser> hasher)
{
    public async Task<SignInResult> CheckAsync(string name, string password, SignInLockout lockout, string? requestId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var user = await db.ConsoleUsers.FirstOrDefaultAsync(u => u.Name == name && u.DisabledAt == null, ct);
        if (user is null)
            return new(SignInOutcome.Failed, null);
        if (user.IsLockedAt(now))
            return new(SignInOutcome.LockedOut, null);

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            if (!user.RecordFailure(lockout, now))
            {
                await db.SaveChangesAsync(ct);
                return new(SignInOutcome.Failed, null);
            }
            audit.Record(new AuditActor(user.ActorName, "none", requestId), new AuditRecord("consoleuser.locked-out", "consoleuser", user.Name,
                null, new { user.Name, user.LockedUntil, failures = lockout.MaxFailures }, "repeated wrong passwords"));
            await audit.SaveAsync(ct);
            return new(SignInOutcome.LockedOut, null);
        }

        // A hash made with older hasher settings is replaced while the plain password is at hand.
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            user.PasswordHash = hasher.HashPassword(user, password);
        user.RecordSuccess();
        await db.SaveChangesAsync(ct);
        return new(SignInOutcome.Succeeded, user);
    }
}
