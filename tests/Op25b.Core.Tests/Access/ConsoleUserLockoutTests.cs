using Op25b.Core.Access;

namespace Op25b.Core.Tests.Access;

public sealed class ConsoleUserLockoutTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly SignInLockout Lockout = new(3, TimeSpan.FromMinutes(15));

    private static ConsoleUser User() => new() { Name = "alice", PasswordHash = "x", Roles = Roles.AbuseDesk, CreatedBy = "test" };

    [Fact]
    public void The_third_wrong_password_locks_the_account_for_the_configured_time()
    {
        var user = User();

        Assert.False(user.RecordFailure(Lockout, Now));
        Assert.False(user.RecordFailure(Lockout, Now));
        Assert.True(user.RecordFailure(Lockout, Now));

        Assert.True(user.IsLockedAt(Now.AddMinutes(14)));
        Assert.False(user.IsLockedAt(Now.AddMinutes(15)));
    }

    [Fact]
    public void A_successful_sign_in_forgets_earlier_failures()
    {
        var user = User();
        user.RecordFailure(Lockout, Now);
        user.RecordFailure(Lockout, Now);

        user.RecordSuccess();

        Assert.False(user.RecordFailure(Lockout, Now));
        Assert.False(user.IsLockedAt(Now));
    }
}
