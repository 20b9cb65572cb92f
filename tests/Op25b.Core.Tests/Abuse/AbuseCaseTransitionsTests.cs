using Op25b.Core;
using Op25b.Core.Abuse;

namespace Op25b.Core.Tests.Abuse;

public sealed class AbuseCaseTransitionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(AbuseCaseState.Open, AbuseCaseState.Notified, true)]
    [InlineData(AbuseCaseState.Open, AbuseCaseState.Suspended, true)]
    [InlineData(AbuseCaseState.Open, AbuseCaseState.Resolved, true)]
    [InlineData(AbuseCaseState.Open, AbuseCaseState.Open, false)]
    [InlineData(AbuseCaseState.Notified, AbuseCaseState.Suspended, true)]
    [InlineData(AbuseCaseState.Notified, AbuseCaseState.Resolved, true)]
    [InlineData(AbuseCaseState.Notified, AbuseCaseState.Open, false)]
    [InlineData(AbuseCaseState.Notified, AbuseCaseState.Notified, false)]
    [InlineData(AbuseCaseState.Suspended, AbuseCaseState.Resolved, true)]
    [InlineData(AbuseCaseState.Suspended, AbuseCaseState.Notified, false)]
    [InlineData(AbuseCaseState.Suspended, AbuseCaseState.Open, false)]
    [InlineData(AbuseCaseState.Resolved, AbuseCaseState.Open, false)]
    [InlineData(AbuseCaseState.Resolved, AbuseCaseState.Notified, false)]
    [InlineData(AbuseCaseState.Resolved, AbuseCaseState.Suspended, false)]
    public void The_table_allows_exactly_the_documented_moves(AbuseCaseState from, AbuseCaseState to, bool allowed) =>
        Assert.Equal(allowed, AbuseCaseTransitions.IsAllowed(from, to));

    [Fact]
    public void A_case_walks_open_notified_suspended_resolved_and_records_each_step()
    {
        var c = AbuseCase.Open(7, AbuseCaseTrigger.Manual, "complaint from a receiving ISP", "desk-a", T0);
        c.TransitionTo(AbuseCaseState.Notified, "desk-a", "mail sent", T0.AddHours(1));
        c.TransitionTo(AbuseCaseState.Suspended, "desk-b", "no answer", T0.AddDays(2));
        c.TransitionTo(AbuseCaseState.Resolved, "desk-b", "machine cleaned", T0.AddDays(3));

        Assert.Equal(AbuseCaseState.Resolved, c.State);
        Assert.Equal(T0.AddDays(3), c.ResolvedAt);
        Assert.Equal(4, c.Version);
        Assert.Equal([AbuseCaseEventKind.Opened, AbuseCaseEventKind.Transition, AbuseCaseEventKind.Transition, AbuseCaseEventKind.Transition],
            c.Events.Select(e => e.Kind));
        var suspend = c.Events[2];
        Assert.Equal((AbuseCaseState.Notified, AbuseCaseState.Suspended, "desk-b", "no answer"), (suspend.FromState!.Value, suspend.ToState!.Value, suspend.Actor, suspend.Note));
    }

    [Fact]
    public void Leaving_resolved_is_a_conflict_naming_the_target_state_and_changes_nothing()
    {
        var c = AbuseCase.Open(7, AbuseCaseTrigger.Manual, "x", "desk-a", T0);
        c.TransitionTo(AbuseCaseState.Resolved, "desk-a", null, T0);
        var error = Assert.Throws<DomainRuleViolation>(() => c.TransitionTo(AbuseCaseState.Notified, "desk-a", null, T0.AddHours(1)));
        Assert.Equal((ViolationKind.Conflict, "targetState"), (error.Kind, error.Field));
        Assert.Contains("resolved case is final", error.Message);
        Assert.Equal(AbuseCaseState.Resolved, c.State);
        Assert.Equal(2, c.Events.Count);
    }

    [Fact]
    public void A_note_is_added_to_the_history_without_changing_the_state_and_an_empty_one_is_refused()
    {
        var c = AbuseCase.Open(7, AbuseCaseTrigger.Manual, "x", "desk-a", T0);
        c.AddNote("desk-b", "called the customer, no answer", T0.AddMinutes(5));
        Assert.Equal(AbuseCaseState.Open, c.State);
        Assert.Equal("called the customer, no answer", c.Events[^1].Note);
        Assert.Equal(2, c.Version);
        Assert.Equal("note", Assert.Throws<DomainRuleViolation>(() => c.AddNote("desk-b", "  ", T0)).Field);
    }
}
