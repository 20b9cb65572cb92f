using System.Net;
using Op25b.Core.Addressing;
using Op25b.Core.Subscribers;

namespace Op25b.Core.Tests.Subscribers;

public sealed class AddressAssignmentTests
{
    private static readonly DateTimeOffset T0 = new(2025, 4, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Assignment_stores_the_family_and_range_keys_of_its_prefix()
    {
        var assignment = AddressAssignment.For(IPNetwork.Parse("2001:db8:1200::/56"), T0, null, T0.AddHours(1));

        Assert.Equal(IpFamily.V6, assignment.Family);
        Assert.Equal("20010db8120000000000000000000000", assignment.RangeFirst);
        Assert.Equal("20010db8120000ffffffffffffffffff", assignment.RangeLast);
        Assert.Equal(PrefixRange.Of(IPNetwork.Parse("2001:db8:1200::/56")), assignment.Range);
        Assert.Equal(T0.AddHours(1), assignment.CreatedAt);
    }

    [Theory]
    // assignment [from, until) in days from T0; requested window [from, until) in days from T0
    [InlineData(0, null, 0, null, true)]
    [InlineData(0, null, 5, 10, true)]
    [InlineData(0, 30, 0, 30, true)]
    [InlineData(0, 30, 5, 10, true)]
    [InlineData(0, 30, 5, 31, false)]   // assignment ends inside the window
    [InlineData(0, 30, 5, null, false)] // open-ended window on an ending assignment
    [InlineData(5, null, 0, 10, false)] // assignment starts inside the window
    [InlineData(0, 30, 40, 50, false)]  // assignment over before the window
    public void Assignment_covers_a_window_only_if_it_is_held_for_all_of_it(
        int from, int? until, int windowFrom, int? windowUntil, bool covers)
    {
        var assignment = AddressAssignment.For(IPNetwork.Parse("198.51.100.0/29"), T0.AddDays(from), Days(until), T0);

        Assert.Equal(covers, assignment.CoversWindow(T0.AddDays(windowFrom), Days(windowUntil)));
    }

    private static DateTimeOffset? Days(int? days) => days is { } d ? T0.AddDays(d) : null;
}
