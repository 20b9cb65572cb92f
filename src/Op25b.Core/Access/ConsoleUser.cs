namespace Op25b.Core.Access;

/// <summary>
/// A person who signs in to the console. Holds the same roles as an API key. Only a salted
/// password hash is stored. Users are disabled, never deleted, so the audit trail's actor names
/// (<c>user:&lt;name&gt;</c>) stay resolvable.
/// </summary>
public sealed class ConsoleUser
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string PasswordHash { get; set; }
    public required string Roles { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>Failed sign-ins since the last success or lockout.</summary>
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }

    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public string ActorName => $"user:{Name}";

    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;

    /// <summary>Counts a wrong password; returns true when this failure locks the account.</summary>
    public bool RecordFailure(SignInLockout lockout, DateTimeOffset now)
    {
        FailedSignIns++;
        if (FailedSignIns < lockout.MaxFailures)
            return false;
        // The counter restarts so that after the lockout the user gets the full number of tries again.
        FailedSignIns = 0;
        LockedUntil = now + lockout.Duration;
        return true;
    }

    public void RecordSuccess()
    {
        FailedSignIns = 0;
        LockedUntil = null;
    }
}

/// <summary>How many wrong passwords in a row lock an account, and for how long. Slows password guessing to a crawl.</summary>
public sealed record SignInLockout(int MaxFailures, TimeSpan Duration)
{
    public static readonly SignInLockout Default = new(5, TimeSpan.FromMinutes(15));
}
