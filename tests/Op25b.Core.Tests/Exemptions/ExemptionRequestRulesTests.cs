using System.Net;
using Op25b.Core.Addressing;
using Op25b.Core.Exemptions;
using Op25b.Core.Subscribers;

namespace Op25b.Core.Tests.Exemptions;

public sealed class ExemptionRequestRulesTests
{
    private static readonly DateTimeOffset T0 = new(2025, 4, 1, 0, 0, 0, TimeSpan.FromHours(9));

    private static readonly Product StaticIp = new() { Code = "biz-static", Name = "Business static IP", ExemptionEligible = true };
    private static readonly Product HomeDynamic = new() { Code = "home-dynamic", Name = "Home (dynamic)", InBlockingScope = true };

    // The subscriber holds 198.51.100.0/28 and 2001:db8:1200::/56 open-ended, and 203.0.113.0/29 for 30 more days.
    private static readonly AddressAssignment[] Assignments =
    [
        Assignment("198.51.100.0/28", T0.AddDays(-30), null),
        Assignment("2001:db8:1200::/56", T0.AddDays(-30), null),
        Assignment("203.0.113.0/29", T0.AddDays(-30), T0.AddDays(30)),
    ];

    [Fact]
    public void Request_for_held_prefixes_of_an_eligible_product_passes()
    {
        var exception = Record.Exception(() => Check(["198.51.100.0/29", "2001:db8:1200:1::/64", "203.0.113.0/30"], T0, T0.AddDays(30)));
        Assert.Null(exception);
    }

    [Fact]
    public void Open_ended_request_on_open_ended_assignments_passes()
    {
        var exception = Record.Exception(() => Check(["198.51.100.0/28", "2001:db8:1200::/56"], T0, null));
        Assert.Null(exception);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-24 * 30)]
    public void Valid_until_not_after_valid_from_is_invalid(int hoursAfterValidFrom)
    {
        var violation = Refused(() => Check(["198.51.100.0/29"], T0, T0.AddHours(hoursAfterValidFrom)));

        Assert.Equal(ViolationKind.Invalid, violation.Kind);
        Assert.Equal("validUntil", violation.Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Ineligible_product_without_an_override_reason_is_refused(string? overrideReason)
    {
        var violation = Refused(() => Check(["198.51.100.0/29"], T0, T0.AddDays(30), HomeDynamic, overrideReason));

        Assert.Equal(ViolationKind.Invalid, violation.Kind);
        Assert.Equal("subscriberExternalId", violation.Field);
        Assert.Contains("home-dynamic", violation.Message);
        Assert.Contains("eligibilityOverrideReason", violation.Message);
    }

    [Fact]
    public void Ineligible_product_with_an_override_reason_passes()
    {
        var exception = Record.Exception(() =>
            Check(["198.51.100.0/29"], T0, T0.AddDays(30), HomeDynamic, "Migration to static product pending, ticket OPS-1234"));
        Assert.Null(exception);
    }

    [Fact]
    public void Override_reason_does_not_lift_the_other_rules()
    {
        var violation = Refused(() => Check(["203.0.113.8/29"], T0, T0.AddDays(30), HomeDynamic, "ticket OPS-1234"));

        Assert.Equal("prefixes[0]", violation.Field);
    }

    [Theory]
    [InlineData("2001:db8:1200:1::/65")]
    [InlineData("2001:db8:1200:1::/80")]
    [InlineData("2001:db8:1200:1::25/128")]
    public void Ipv6_prefix_longer_than_a_64_is_refused(string tooLong)
    {
        var violation = Refused(() => Check(["198.51.100.0/29", tooLong], T0, T0.AddDays(30)));

        Assert.Equal(ViolationKind.Invalid, violation.Kind);
        Assert.Equal("prefixes[1]", violation.Field);
        Assert.Contains("/64", violation.Message);
    }

    [Fact]
    public void Ipv4_host_address_is_allowed_although_it_is_a_32()
    {
        var exception = Record.Exception(() => Check(["198.51.100.7/32"], T0, T0.AddDays(30)));
        Assert.Null(exception);
    }

    [Theory]
    [InlineData(new[] { "198.51.100.16/28" }, 0)]                                          // neighbouring /28
    [InlineData(new[] { "198.51.100.0/29", "198.51.100.0/27" }, 1)]                        // wider than the assignment
    [InlineData(new[] { "198.51.100.0/29", "2001:db8:1200::/64", "203.0.113.8/29" }, 2)]   // another customer's block
    [InlineData(new[] { "2001:db8:1201::/64" }, 0)]                                        // outside the delegated /56
    public void Prefix_outside_the_held_assignments_is_refused_naming_its_index(string[] prefixes, int badIndex)
    {
        var violation = Refused(() => Check(prefixes, T0, T0.AddDays(30)));

        Assert.Equal(ViolationKind.Invalid, violation.Kind);
        Assert.Equal($"prefixes[{badIndex}]", violation.Field);
        Assert.Contains(prefixes[badIndex], violation.Message);
        Assert.Contains("not inside an address assignment", violation.Message);
    }

    [Fact]
    public void Assignment_that_ends_before_the_requested_window_ends_is_refused()
    {
        var violation = Refused(() => Check(["198.51.100.0/29", "203.0.113.0/30"], T0, T0.AddDays(60)));

        Assert.Equal("prefixes[1]", violation.Field);
        Assert.Contains("whole requested window", violation.Message);
    }

    [Fact]
    public void Open_ended_request_on_an_assignment_that_ends_is_refused()
    {
        var violation = Refused(() => Check(["203.0.113.0/30"], T0, null));

        Assert.Equal("prefixes[0]", violation.Field);
    }

    [Fact]
    public void Request_ending_exactly_when_the_assignment_ends_passes()
    {
        var exception = Record.Exception(() => Check(["203.0.113.0/30"], T0, T0.AddDays(30)));
        Assert.Null(exception);
    }

    [Fact]
    public void Assignment_that_starts_after_the_requested_window_starts_is_refused()
    {
        var violation = Refused(() => Check(["198.51.100.0/29"], T0.AddDays(-31), T0));

        Assert.Equal("prefixes[0]", violation.Field);
    }

    [Fact]
    public void Assignment_the_subscriber_no_longer_holds_is_refused()
    {
        var ended = new[] { Assignment("198.51.100.0/28", T0.AddDays(-60), T0.AddDays(-1)) };

        var violation = Refused(() => ExemptionRequestRules.Check(
            StaticIp, [Range("198.51.100.0/29")], T0, T0.AddDays(30), null, ended, []));

        Assert.Equal("prefixes[0]", violation.Field);
    }

    [Theory]
    [InlineData(new[] { "198.51.100.0/29", "198.51.100.0/29" }, 1)]
    [InlineData(new[] { "198.51.100.0/28", "198.51.100.8/29" }, 1)]
    [InlineData(new[] { "198.51.100.8/29", "2001:db8:1200::/64", "198.51.100.0/28" }, 2)]
    [InlineData(new[] { "2001:db8:1200::/56", "2001:db8:1200:ff::/64" }, 1)]
    public void Overlapping_prefixes_in_the_same_request_are_refused(string[] prefixes, int laterIndex)
    {
        var violation = Refused(() => Check(prefixes, T0, T0.AddDays(30)));

        Assert.Equal(ViolationKind.Invalid, violation.Kind);
        Assert.Equal($"prefixes[{laterIndex}]", violation.Field);
        Assert.Contains("same request", violation.Message);
    }

    [Fact]
    public void Adjacent_prefixes_in_the_same_request_pass()
    {
        var exception = Record.Exception(() => Check(["198.51.100.0/29", "198.51.100.8/29"], T0, T0.AddDays(30)));
        Assert.Null(exception);
    }

    [Theory]
    [InlineData(ExemptionStatus.Requested)]
    [InlineData(ExemptionStatus.Approved)]
    [InlineData(ExemptionStatus.Active)]
    public void Prefix_claimed_by_another_exemption_in_an_overlapping_window_is_a_conflict(ExemptionStatus status)
    {
        var existing = Claiming(41, status, "198.51.100.0/28", T0.AddDays(-10), T0.AddDays(20));

        var violation = Refused(() => Check(["198.51.100.4/30"], T0.AddDays(10), T0.AddDays(40), existing));

        Assert.Equal(ViolationKind.Conflict, violation.Kind);
        Assert.Equal("prefixes[0]", violation.Field);
        Assert.Contains("exemption 41", violation.Message);
        Assert.Contains(status.ToString().ToLowerInvariant(), violation.Message);
    }

    [Fact]
    public void Conflict_names_the_index_of_the_clashing_prefix()
    {
        var existing = Claiming(7, ExemptionStatus.Active, "2001:db8:1200::/56", T0.AddDays(-10), null);

        var violation = Refused(() => Check(["198.51.100.8/29", "2001:db8:1200:5::/64"], T0, T0.AddDays(30), existing));

        Assert.Equal(ViolationKind.Conflict, violation.Kind);
        Assert.Equal("prefixes[1]", violation.Field);
    }

    [Theory]
    [InlineData(-10, null, 10, 40)]      // open-ended existing exemption
    [InlineData(20, 25, 0, null)]        // open-ended request reaches a later exemption
    [InlineData(0, 30, 29, 31)]          // one day in common
    public void Open_or_partly_shared_windows_overlap(int existingFrom, int? existingUntil, int from, int? until)
    {
        var existing = Claiming(41, ExemptionStatus.Approved, "198.51.100.0/29",
            T0.AddDays(existingFrom), existingUntil is { } eu ? T0.AddDays(eu) : null);

        var violation = Refused(() => Check(["198.51.100.0/29"], T0.AddDays(from), until is { } u ? T0.AddDays(u) : null, existing));

        Assert.Equal(ViolationKind.Conflict, violation.Kind);
    }

    [Theory]
    [InlineData(0, 30, 30, 60)]          // new window starts when the old one ends
    [InlineData(40, 60, 0, 40)]          // new window ends when the later one starts
    [InlineData(40, null, 0, 10)]        // well before an open-ended later one
    public void Same_prefix_in_a_window_that_does_not_overlap_is_allowed(int existingFrom, int? existingUntil, int from, int until)
    {
        var existing = Claiming(41, ExemptionStatus.Approved, "198.51.100.0/29",
            T0.AddDays(existingFrom), existingUntil is { } eu ? T0.AddDays(eu) : null);

        var exception = Record.Exception(() => Check(["198.51.100.0/29"], T0.AddDays(from), T0.AddDays(until), existing));

        Assert.Null(exception);
    }

    [Fact]
    public void Different_prefix_in_the_same_window_is_allowed()
    {
        var existing = Claiming(41, ExemptionStatus.Active, "198.51.100.0/29", T0.AddDays(-10), null);

        var exception = Record.Exception(() => Check(["198.51.100.8/29", "2001:db8:1200:1::/64"], T0, T0.AddDays(30), existing));

        Assert.Null(exception);
    }

    private static void Check(string[] prefixes, DateTimeOffset validFrom, DateTimeOffset? validUntil, params Exemption[] claiming) =>
        Check(prefixes, validFrom, validUntil, StaticIp, null, claiming);

    private static void Check(string[] prefixes, DateTimeOffset validFrom, DateTimeOffset? validUntil,
        Product product, string? overrideReason, params Exemption[] claiming) =>
        ExemptionRequestRules.Check(product, prefixes.Select(Range).ToList(), validFrom, validUntil, overrideReason, Assignments, claiming);

    private static DomainRuleViolation Refused(Action check) => Assert.Throws<DomainRuleViolation>(check);

    private static PrefixRange Range(string prefix) => PrefixRange.Of(IPNetwork.Parse(prefix));

    private static AddressAssignment Assignment(string prefix, DateTimeOffset from, DateTimeOffset? until) =>
        AddressAssignment.For(IPNetwork.Parse(prefix), from, until, from);

    private static Exemption Claiming(long id, ExemptionStatus status, string prefix, DateTimeOffset from, DateTimeOffset? until) => new()
    {
        Id = id,
        Status = status,
        Justification = "existing",
        RequestedBy = "provisioning-bot",
        ValidFrom = from,
        ValidUntil = until,
        Prefixes = [ExemptionPrefix.For(Range(prefix))],
    };
}
