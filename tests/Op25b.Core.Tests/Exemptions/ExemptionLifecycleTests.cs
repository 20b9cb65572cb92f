using Microsoft.Extensions.Time.Testing;
using Op25b.Core.Exemptions;

namespace Op25b.Core.Tests.Exemptions;

public sealed class ExemptionLifecycleTests
{
    private const string Requester = "provisioning-bot";
    private const string Approver = "abuse-desk-kimura";

    private static readonly DateTimeOffset Start = new(2025, 4, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    private DateTimeOffset Now => _time.GetUtcNow();

    [Fact]
    public void Requester_cannot_approve_their_own_exemption()
    {
        var exemption = Request(validFrom: Now, validUntil: Now.AddDays(30));

        var violation = Assert.Throws<DomainRuleViolation>(() => exemption.Approve(Requester, "looks fine", Now));

        Assert.Equal(ViolationKind.Forbidden, violation.Kind);
        Assert.Equal("approver", violation.Field);
        Assert.Contains("Four-eyes", violation.Message);
        Assert.Equal(ExemptionStatus.Requested, exemption.Status);
        Assert.Null(exemption.DecidedBy);
        Assert.Null(exemption.DecidedAt);
    }

    [Fact]
    public void Approval_before_the_window_opens_leaves_it_approved_and_records_the_decision()
    {
        var exemption = Request(validFrom: Now.AddDays(1), validUntil: Now.AddDays(30));
        _time.Advance(TimeSpan.FromHours(2));

        exemption.Approve(Approver, "static IP customer, rDNS set", Now);

        Assert.Equal(ExemptionStatus.Approved, exemption.Status);
        Assert.Equal(Approver, exemption.DecidedBy);
        Assert.Equal(Start.AddHours(2), exemption.DecidedAt);
        Assert.Equal("static IP customer, rDNS set", exemption.DecisionReason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Approval_once_the_window_has_opened_makes_it_active_at_once(int validFromHoursFromNow)
    {
        var exemption = Request(validFrom: Now.AddHours(validFromHoursFromNow), validUntil: Now.AddDays(30));

        exemption.Approve(Approver, null, Now);

        Assert.Equal(ExemptionStatus.Active, exemption.Status);
        Assert.Equal(Approver, exemption.DecidedBy);
    }

    [Fact]
    public void Advance_activates_an_approved_exemption_exactly_when_valid_from_arrives()
    {
        var validFrom = Now.AddDays(1);
        var exemption = Request(validFrom, validUntil: Now.AddDays(30));
        exemption.Approve(Approver, null, Now);

        _time.SetUtcNow(validFrom.AddTicks(-1));
        Assert.False(exemption.Advance(Now));
        Assert.Equal(ExemptionStatus.Approved, exemption.Status);

        _time.SetUtcNow(validFrom);
        Assert.True(exemption.Advance(Now));
        Assert.Equal(ExemptionStatus.Active, exemption.Status);
    }

    [Fact]
    public void Advance_expires_an_active_exemption_exactly_when_valid_until_arrives()
    {
        var validUntil = Now.AddDays(30);
        var exemption = Request(validFrom: Now, validUntil);
        exemption.Approve(Approver, null, Now);
        Assert.Equal(ExemptionStatus.Active, exemption.Status);

        _time.SetUtcNow(validUntil.AddTicks(-1));
        Assert.False(exemption.Advance(Now));
        Assert.Equal(ExemptionStatus.Active, exemption.Status);

        _time.SetUtcNow(validUntil);
        Assert.True(exemption.Advance(Now));
        Assert.Equal(ExemptionStatus.Expired, exemption.Status);
    }

    [Fact]
    public void Advance_of_an_approved_exemption_whose_whole_window_passed_goes_straight_to_expired()
    {
        // E.g. the scheduler was down for the whole window.
        var exemption = Request(validFrom: Now.AddHours(1), validUntil: Now.AddHours(2));
        exemption.Approve(Approver, null, Now);

        _time.Advance(TimeSpan.FromHours(5));

        Assert.True(exemption.Advance(Now));
        Assert.Equal(ExemptionStatus.Expired, exemption.Status);
    }

    [Fact]
    public void Advance_is_idempotent_and_reports_no_change_when_there_is_none()
    {
        var exemption = Request(validFrom: Now.AddDays(1), validUntil: Now.AddDays(2));
        exemption.Approve(Approver, null, Now);

        Assert.False(exemption.Advance(Now));
        Assert.False(exemption.Advance(Now));
        Assert.Equal(ExemptionStatus.Approved, exemption.Status);

        _time.Advance(TimeSpan.FromDays(1));
        Assert.True(exemption.Advance(Now));
        Assert.False(exemption.Advance(Now));
        Assert.Equal(ExemptionStatus.Active, exemption.Status);

        _time.Advance(TimeSpan.FromDays(1));
        Assert.True(exemption.Advance(Now));
        Assert.False(exemption.Advance(Now));
        _time.Advance(TimeSpan.FromDays(365));
        Assert.False(exemption.Advance(Now));
        Assert.Equal(ExemptionStatus.Expired, exemption.Status);
    }

    [Fact]
    public void Open_ended_active_exemption_never_expires()
    {
        var exemption = Request(validFrom: Now, validUntil: null);
        exemption.Approve(Approver, null, Now);

        _time.Advance(TimeSpan.FromDays(3650));

        Assert.False(exemption.Advance(Now));
        Assert.Equal(ExemptionStatus.Active, exemption.Status);
    }

    [Theory]
    [InlineData(ExemptionStatus.Requested)]
    [InlineData(ExemptionStatus.Rejected)]
    [InlineData(ExemptionStatus.Revoked)]
    public void Advance_never_moves_an_undecided_rejected_or_revoked_exemption(ExemptionStatus status)
    {
        var exemption = Request(validFrom: Now.AddDays(1), validUntil: Now.AddDays(2));
        Bring(exemption, status);

        foreach (var days in new[] { 1, 1, 5 })
        {
            _time.Advance(TimeSpan.FromDays(days));
            Assert.False(exemption.Advance(Now));
            Assert.Equal(status, exemption.Status);
        }
    }

    [Fact]
    public void Rejection_records_who_decided_when_and_why()
    {
        var exemption = Request(validFrom: Now, validUntil: Now.AddDays(30));
        _time.Advance(TimeSpan.FromMinutes(10));

        exemption.Reject(Approver, "dynamic pool address", Now);

        Assert.Equal(ExemptionStatus.Rejected, exemption.Status);
        Assert.Equal(Approver, exemption.DecidedBy);
        Assert.Equal(Start.AddMinutes(10), exemption.DecidedAt);
        Assert.Equal("dynamic pool address", exemption.DecisionReason);
    }

    [Theory]
    [InlineData(ExemptionStatus.Approved, "approve")]
    [InlineData(ExemptionStatus.Approved, "reject")]
    [InlineData(ExemptionStatus.Active, "approve")]
    [InlineData(ExemptionStatus.Active, "reject")]
    [InlineData(ExemptionStatus.Rejected, "approve")]
    [InlineData(ExemptionStatus.Rejected, "reject")]
    [InlineData(ExemptionStatus.Revoked, "approve")]
    [InlineData(ExemptionStatus.Expired, "reject")]
    public void Deciding_an_already_decided_request_is_a_conflict_that_keeps_the_first_decision(ExemptionStatus status, string verb)
    {
        var exemption = Request(validFrom: Now.AddDays(1), validUntil: Now.AddDays(2));
        Bring(exemption, status);
        var (decidedBy, decidedAt, reason) = (exemption.DecidedBy, exemption.DecidedAt, exemption.DecisionReason);
        _time.Advance(TimeSpan.FromMinutes(1));

        var violation = Assert.Throws<DomainRuleViolation>(() =>
        {
            if (verb == "approve") exemption.Approve("second-approver", "me too", Now);
            else exemption.Reject("second-approver", "no", Now);
        });

        Assert.Equal(ViolationKind.Conflict, violation.Kind);
        Assert.Equal("status", violation.Field);
        Assert.Contains($"Cannot {verb}", violation.Message);
        Assert.Contains(status.ToString().ToLowerInvariant(), violation.Message);
        Assert.Equal(status, exemption.Status);
        Assert.Equal(decidedBy, exemption.DecidedBy);
        Assert.Equal(decidedAt, exemption.DecidedAt);
        Assert.Equal(reason, exemption.DecisionReason);
    }

    [Theory]
    [InlineData(ExemptionStatus.Requested)]
    [InlineData(ExemptionStatus.Rejected)]
    [InlineData(ExemptionStatus.Expired)]
    [InlineData(ExemptionStatus.Revoked)]
    public void Revoking_anything_but_an_approved_or_active_exemption_is_a_conflict(ExemptionStatus status)
    {
        var exemption = Request(validFrom: Now.AddDays(1), validUntil: Now.AddDays(2));
        Bring(exemption, status);
        var revokedAt = exemption.RevokedAt;

        var violation = Assert.Throws<DomainRuleViolation>(() => exemption.Revoke("abuse-desk-sato", "spam run", Now));

        Assert.Equal(ViolationKind.Conflict, violation.Kind);
        Assert.Equal("status", violation.Field);
        Assert.Contains(status.ToString().ToLowerInvariant(), violation.Message);
        Assert.Equal(status, exemption.Status);
        Assert.Equal(revokedAt, exemption.RevokedAt);
    }

    [Theory]
    [InlineData(ExemptionStatus.Approved)]
    [InlineData(ExemptionStatus.Active)]
    public void Revoking_an_approved_or_active_exemption_records_who_when_and_why(ExemptionStatus status)
    {
        var exemption = Request(validFrom: Now.AddDays(1), validUntil: Now.AddDays(30));
        Bring(exemption, status);
        _time.Advance(TimeSpan.FromHours(3));

        exemption.Revoke("abuse-desk-sato", "spam run reported by JPCERT", Now);

        Assert.Equal(ExemptionStatus.Revoked, exemption.Status);
        Assert.Equal("abuse-desk-sato", exemption.RevokedBy);
        Assert.Equal(Now, exemption.RevokedAt);
        Assert.Equal("spam run reported by JPCERT", exemption.RevocationReason);
        Assert.Equal(Approver, exemption.DecidedBy); // the approval stays on record
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(24)]
    public void Approving_once_the_requested_window_has_ended_is_a_conflict(int hoursAfterValidUntil)
    {
        var validUntil = Now.AddDays(2);
        var exemption = Request(validFrom: Now.AddDays(1), validUntil);
        _time.SetUtcNow(validUntil.AddHours(hoursAfterValidUntil));

        var violation = Assert.Throws<DomainRuleViolation>(() => exemption.Approve(Approver, null, Now));

        Assert.Equal(ViolationKind.Conflict, violation.Kind);
        Assert.Equal("validUntil", violation.Field);
        Assert.Equal(ExemptionStatus.Requested, exemption.Status);
        Assert.Null(exemption.DecidedBy);
    }

    [Fact]
    public void Rejecting_once_the_requested_window_has_ended_is_still_possible()
    {
        var exemption = Request(validFrom: Now.AddDays(1), validUntil: Now.AddDays(2));
        _time.Advance(TimeSpan.FromDays(3));

        exemption.Reject(Approver, "window passed before review", Now);

        Assert.Equal(ExemptionStatus.Rejected, exemption.Status);
    }

    [Fact]
    public void In_force_follows_an_approved_exemption_through_its_window()
    {
        // Requested at Start for [Start+2d, Start+10d), approved at Start+1d; the clock then runs to the end.
        var exemption = Request(validFrom: Start.AddDays(2), validUntil: Start.AddDays(10));
        _time.SetUtcNow(Start.AddDays(1));
        exemption.Approve(Approver, null, Now);
        _time.SetUtcNow(Start.AddDays(2));
        exemption.Advance(Now);
        _time.SetUtcNow(Start.AddDays(10));
        exemption.Advance(Now);
        Assert.Equal(ExemptionStatus.Expired, exemption.Status);

        // The finished row alone answers for every moment of its history.
        Assert.False(InForce(exemption, Start.AddHours(12)));                 // before the decision
        Assert.False(InForce(exemption, Start.AddDays(1).AddHours(1)));       // approved, window not open yet
        Assert.True(InForce(exemption, Start.AddDays(2)));                    // valid_from is inclusive
        Assert.True(InForce(exemption, Start.AddDays(5)));                    // inside the window
        Assert.True(InForce(exemption, Start.AddDays(10).AddTicks(-1)));
        Assert.False(InForce(exemption, Start.AddDays(10)));                  // valid_until is exclusive
        Assert.False(InForce(exemption, Start.AddDays(11)));                  // after the window
    }

    [Fact]
    public void In_force_ends_at_revocation_but_not_before_it()
    {
        var exemption = Request(validFrom: Start.AddDays(2), validUntil: Start.AddDays(10));
        _time.SetUtcNow(Start.AddDays(1));
        exemption.Approve(Approver, null, Now);
        _time.SetUtcNow(Start.AddDays(5));
        exemption.Advance(Now);
        exemption.Revoke("abuse-desk-sato", "spam run", Now);

        Assert.False(InForce(exemption, Start.AddDays(1).AddHours(1)));
        Assert.True(InForce(exemption, Start.AddDays(3)));                    // was in force before it was revoked
        Assert.True(InForce(exemption, Start.AddDays(5).AddTicks(-1)));
        Assert.False(InForce(exemption, Start.AddDays(5)));                   // revocation takes effect at once
        Assert.False(InForce(exemption, Start.AddDays(7)));                   // inside the window, but revoked
        Assert.False(InForce(exemption, Start.AddDays(11)));
    }

    [Fact]
    public void In_force_starts_at_the_decision_when_the_window_opened_earlier()
    {
        // Approval is not retroactive: traffic before the approval was blocked, and the record must say so.
        var exemption = Request(validFrom: Start, validUntil: null);
        _time.SetUtcNow(Start.AddDays(1));
        exemption.Approve(Approver, null, Now);

        Assert.False(InForce(exemption, Start.AddHours(12)));
        Assert.True(InForce(exemption, Start.AddDays(1)));
        Assert.True(InForce(exemption, Start.AddDays(3650)));                 // open-ended
    }

    [Fact]
    public void Rejected_exemption_is_never_in_force()
    {
        var exemption = Request(validFrom: Start, validUntil: Start.AddDays(10));
        _time.SetUtcNow(Start.AddDays(1));
        exemption.Reject(Approver, "no static IP", Now);

        foreach (var day in new[] { 0, 1, 2, 5, 9, 10, 20 })
            Assert.False(InForce(exemption, Start.AddDays(day)), $"day {day}");
    }

    [Fact]
    public void Undecided_request_is_never_in_force()
    {
        var exemption = Request(validFrom: Start, validUntil: Start.AddDays(10));

        foreach (var day in new[] { 0, 1, 5, 20 })
            Assert.False(InForce(exemption, Start.AddDays(day)), $"day {day}");
    }

    [Fact]
    public void In_force_filter_picks_only_the_exemptions_in_force_at_a_moment()
    {
        var active = Request(validFrom: Start, validUntil: Start.AddDays(10));
        active.Approve(Approver, null, Start);
        var rejected = Request(validFrom: Start, validUntil: Start.AddDays(10));
        rejected.Reject(Approver, "no", Start);
        var future = Request(validFrom: Start.AddDays(20), validUntil: null);
        future.Approve(Approver, null, Start);
        var pending = Request(validFrom: Start, validUntil: null);

        var rows = new[] { active, rejected, future, pending }.AsQueryable();

        Assert.Equal(new[] { active }, rows.Where(Exemption.InForceAt(Start.AddDays(5))).ToArray());
        Assert.Equal(new[] { future }, rows.Where(Exemption.InForceAt(Start.AddDays(25))).ToArray());
    }

    private Exemption Request(DateTimeOffset validFrom, DateTimeOffset? validUntil) => new()
    {
        Status = ExemptionStatus.Requested,
        Justification = "Customer runs its own MTA on a static address.",
        RequestedBy = Requester,
        RequestedAt = Now,
        ValidFrom = validFrom,
        ValidUntil = validUntil,
    };

    /// <summary>Takes a fresh request (window starting at least an hour ahead) to <paramref name="status"/> through the public operations.</summary>
    private void Bring(Exemption exemption, ExemptionStatus status)
    {
        switch (status)
        {
            case ExemptionStatus.Requested:
                break;
            case ExemptionStatus.Rejected:
                exemption.Reject(Approver, "no", Now);
                break;
            case ExemptionStatus.Approved:
                exemption.Approve(Approver, "ok", Now);
                break;
            case ExemptionStatus.Active:
                exemption.Approve(Approver, "ok", Now);
                _time.SetUtcNow(exemption.ValidFrom);
                exemption.Advance(Now);
                break;
            case ExemptionStatus.Expired:
                exemption.Approve(Approver, "ok", Now);
                _time.SetUtcNow(exemption.ValidUntil!.Value);
                exemption.Advance(Now);
                break;
            case ExemptionStatus.Revoked:
                exemption.Approve(Approver, "ok", Now);
                exemption.Revoke("abuse-desk-sato", "spam", Now);
                break;
        }
        Assert.Equal(status, exemption.Status);
    }

    private static bool InForce(Exemption exemption, DateTimeOffset at) => Exemption.InForceAt(at).Compile()(exemption);
}
