namespace Op25b.Core.Access;

/// <summary>
/// One console sign-in. The cookie carries only a random handle; this row decides on every
/// request whether the handle still opens the console, so ending the row (sign-out, disable,
/// password change, an admin) ends the sign-in at once, whatever copies of the cookie exist.
/// Rows are kept after they end: the admin's list and the audit trail refer to them.
/// </summary>
public sealed class ConsoleSession
{
    public long Id { get; set; }
    /// <summary>SHA-256 of the cookie's handle (hex): a database reader cannot replay a session from it.</summary>
    public required string HandleHash { get; set; }
    public long UserId { get; set; }
    public ConsoleUser? User { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public string? ClientAddress { get; set; }
    public string? UserAgent { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedBy { get; set; }
    public string? EndReason { get; set; }

    public bool IsActiveAt(DateTimeOffset now, TimeSpan idle) => EndedAt is null && LastSeenAt + idle > now;

    public void End(DateTimeOffset now, string by, string reason)
    {
        EndedAt = now;
        EndedBy = by;
        EndReason = reason;
    }
}

/// <summary>
/// How long a console session lives without activity, and how long one host may trust a
/// positive check before asking the database again (the window in which a revocation made on
/// another host is not yet seen there; revocations on the same host are seen at once).
/// </summary>
public sealed record ConsoleSessionPolicy(TimeSpan Idle, TimeSpan CheckCachedFor)
{
    public static readonly ConsoleSessionPolicy Default = new(TimeSpan.FromMinutes(480), TimeSpan.FromSeconds(5));
}
