using Op25b.Core.Access;

namespace Op25b.Core.Tests.Access;

public sealed class LockoutCounterTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly SignInLockout Lockout = new(3, TimeSpan.FromMinutes(15));

    [Fact]
    public void The_third_wrong_password_locks_for_the_configured_time_then_gives_the_full_number_of_tries_again()
    {
        var counter = new LockoutCounter();

        Assert.False(counter.RecordFailure(Lockout, Now));
        Assert.False(counter.RecordFailure(Lockout, Now));
        Assert.True(counter.RecordFailure(Lockout, Now));

        Assert.True(counter.IsLockedAt(Now.AddMinutes(14)));
        Assert.False(counter.IsLockedAt(Now.AddMinutes(15)));
        Assert.False(counter.RecordFailure(Lockout, Now.AddMinutes(15)));
    }
}
