using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Op25b.Core.Access;
using Op25b.Persistence.Audit;

namespace Op25b.Persistence.Access;

public enum SignInOutcome { Succeeded, Failed, LockedOut }

public sealed record SignInResult(SignInOutcome Outcome, ConsoleUser? User);

/// <summary>
/// Checks a console user's password with the lockout rule. Unknown, disabled and wrong look the
/// same to the caller, and cost the same (an unknown name is checked against a dummy hash);
/// "locked" is answered alike for any name once this client address has failed often enough
/// for it, so it says nothing about whether the account exists.
/// </summary>
public sealed class ConsoleSignIn(AdminDbContext db, AuditTrail audit, TimeProvider clock, IPasswordHasher<ConsoleUser> hasher, SignInThrottle throttle)
{
    public async Task<SignInResult> CheckAsync(string name, string password, string client, SignInLockout lockout, string? requestId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (throttle.IsLocked(name, client, lockout, now))
            return new(SignInOutcome.LockedOut, null);
        var user = await db.ConsoleUsers.FirstOrDefaultAsync(u => u.Name == name && u.DisabledAt == null, ct);
        var verdict = user is null
            ? hasher.VerifyHashedPassword(new ConsoleUser { Name = name, PasswordHash = "", Roles = "", CreatedBy = "" }, throttle.DummyHash, password)
            : hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            if (!throttle.RecordFailure(name, client, lockout, now))
                return new(SignInOutcome.Failed, null);
            // Recorded for unknown names too: the same work either way, and the trail shows what was guessed.
            audit.Record(new AuditActor($"user:{name}", "none", requestId), new AuditRecord("consoleuser.locked-out", "consoleuser", name,
                null, new { name, client, until = now + lockout.Duration, failures = lockout.MaxFailures }, "repeated wrong passwords"));
            await audit.SaveAsync(ct);
            return new(SignInOutcome.LockedOut, null);
        }

        throttle.RecordSuccess(name, client);
        // A hash made with older hasher settings is replaced while the plain password is at hand.
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
            await db.SaveChangesAsync(ct);
        }
        return new(SignInOutcome.Succeeded, user);
    }
}
