using Op25b.Core.Attempts;

namespace Op25b.Core.Tests.Attempts;

public sealed class DailyAttemptTotalsTests
{
    private static readonly DateTime Day1 = new(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Rows_of_one_subscriber_and_day_are_summed_with_distinct_destinations_and_handed_out_when_the_group_ends()
    {
        var totals = new DailyAttemptTotals();
        Assert.Null(totals.Add(7, Day1.AddHours(1), "203.0.113.9", 3, 5));
        Assert.Null(totals.Add(7, Day1.AddHours(2), "203.0.113.9", 1, 1));
        Assert.Null(totals.Add(7, Day1.AddHours(23), "198.51.100.1", 2, 2));
        Assert.Equal(new DailyAttemptTotal(7, new DateOnly(2026, 4, 1), 6, 8, 2), totals.Add(7, Day1.AddDays(1), "203.0.113.9", 1, 1));
        Assert.Equal(new DailyAttemptTotal(7, new DateOnly(2026, 4, 2), 1, 1, 1), totals.Add(8, Day1.AddDays(1), "203.0.113.9", 4, 4));
        Assert.Equal(new DailyAttemptTotal(8, new DateOnly(2026, 4, 2), 4, 4, 1), totals.Complete());
        Assert.Null(totals.Complete());
    }
}
