namespace Op25b.Core.Access;

/// <summary>Wrong passwords in a row for one account from one client address, and the lockout they cause.</summary>
public sealed class LockoutCounter
{
    public int Failures { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }

    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;

    /// <summary>Counts a wrong password; returns true when this failure locks.</summary>
    public bool RecordFailure(SignInLockout lockout, DateTimeOffset now)
    {
        Failures++;
        if (Failures < lockout.MaxFailures)
            return false;
        // The counter restarts so that after the lockout the user gets the full number of tries again.
        Failures = 0;
        LockedUntil = now + lockout.Duration;
        return true;
    }
}
