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
    /// <summary>No longer written: lockouts are kept per (account, client address) by the sign-in throttle, so no one can lock an account they do not use.</summary>
    public int FailedSignIns { get; set; }
    /// <summary>No longer written; see <see cref="FailedSignIns"/>.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public string ActorName => $"user:{Name}";
}

/// <summary>
/// How many wrong passwords in a row from one client address lock that address out of one
/// account, and for how long; and how many wrong passwords one account name may collect from all
/// addresses together in that time before every further try is refused (distributed guessing).
/// Slows password guessing to a crawl without letting a stranger lock someone else out for good.
/// </summary>
public sealed record SignInLockout(int MaxFailures, TimeSpan Duration, int MaxAccountFailures = 30)
{
    public static readonly SignInLockout Default = new(5, TimeSpan.FromMinutes(15));
}
