using System.Net;
using Op25b.Core.Addressing;
using Op25b.Core.Exemptions;
using Op25b.Core.Subscribers;

namespace Op25b.Core.Tests.Exemptions;

public sealed class ExemptionCoverageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private static AddressAssignment Assignment(string prefix, DateTimeOffset from, DateTimeOffset? until) =>
        AddressAssignment.For(IPNetwork.Parse(prefix), from, until, from);

    private static Exemption Exemption(DateTimeOffset? until, params string[] prefixes) => new()
    {
        Justification = "MTA", RequestedBy = "desk", ValidFrom = T0, ValidUntil = until, Status = ExemptionStatus.Active,
        Prefixes = prefixes.Select(p => ExemptionPrefix.For(PrefixRange.Of(IPNetwork.Parse(p)))).ToList(),
    };

    [Fact]
    public void An_exemption_inside_an_open_assignment_keeps_its_address()
    {
        Assert.Null(ExemptionCoverage.AddressLostAt(Exemption(null, "198.51.100.8/30"), [Assignment("198.51.100.0/28", T0.AddDays(-1), null)]));
    }

    [Fact]
    public void An_assignment_ending_before_the_exemption_ends_it_then()
    {
        var ended = T0.AddDays(10);
        Assert.Equal(ended, ExemptionCoverage.AddressLostAt(Exemption(null, "198.51.100.8/30"), [Assignment("198.51.100.0/28", T0.AddDays(-1), ended)]));
    }

    [Fact]
    public void An_assignment_ending_after_the_exemption_changes_nothing()
    {
        Assert.Null(ExemptionCoverage.AddressLostAt(Exemption(T0.AddDays(5), "198.51.100.8/30"),
            [Assignment("198.51.100.0/28", T0.AddDays(-1), T0.AddDays(10))]));
    }

    [Fact]
    public void The_first_prefix_to_go_decides_and_a_prefix_no_longer_held_from_the_start_ends_it_at_once()
    {
        var assignments = new[]
        {
            Assignment("198.51.100.0/28", T0.AddDays(-1), T0.AddDays(20)),
            Assignment("2001:db8:1200::/56", T0.AddDays(-1), T0.AddDays(7)),
        };
        Assert.Equal(T0.AddDays(7), ExemptionCoverage.AddressLostAt(Exemption(null, "198.51.100.8/30", "2001:db8:1200::/64"), assignments));
        Assert.Equal(T0, ExemptionCoverage.AddressLostAt(Exemption(null, "198.51.100.8/30", "203.0.113.0/30"), assignments));
    }
}
