namespace Op25b.OpsUi.Hosting;

/// <summary>Settings under <c>Console:</c>.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>IANA zone the console shows times in; the desk works in Japan.</summary>
    public string TimeZone { get; set; } = "Asia/Tokyo";
    public int LockoutFailures { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    /// <summary>Wrong passwords for one account name from all addresses together within <see cref="LockoutMinutes"/> before every try is refused.</summary>
    public int AccountLockoutFailures { get; set; } = 30;
    /// <summary>Sign-in lasts this long without activity (sliding).</summary>
    public int SessionMinutes { get; set; } = 480;
    /// <summary>
    /// How long a host trusts its last look at a session before asking the database again: the
    /// delay before a revocation made on another host (or the CLI) reaches this one.
    /// </summary>
    public int SessionCheckSeconds { get; set; } = 5;
}
