using Op25b.Core.Subscribers;

namespace Op25b.Core.Abuse;

/// <summary>
/// The abuse desk's file on one subscriber who tried port 25 suspiciously often. Keeps the
/// figures that triggered it (so the reason survives the retention of raw attempts) and its
/// whole history; state changes only through <see cref="TransitionTo"/>.
/// </summary>
public sealed class AbuseCase
{
    public const int MaxNoteLength = 2000;

    public long Id { get; set; }
    public long SubscriberId { get; set; }
    public Subscriber? Subscriber { get; set; }
    public AbuseCaseState State { get; set; }
    public AbuseCaseTrigger Trigger { get; set; }
    public required string Reason { get; set; }
    /// <summary>The rollup hour the figures below describe (null for a manual case opened without figures).</summary>
    public DateTimeOffset? TriggerHour { get; set; }
    public long? TriggerAttempts { get; set; }
    public int? TriggerDestinations { get; set; }
    /// <summary>Mean attempts per hour over the baseline window, when the baseline rule fired.</summary>
    public double? BaselinePerHour { get; set; }
    public required string OpenedBy { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    /// <summary>Optimistic concurrency: bumped on every change, exposed as the ETag.</summary>
    public int Version { get; set; }
    public List<AbuseCaseEvent> Events { get; set; } = [];

    public static AbuseCase Open(long subscriberId, AbuseCaseTrigger trigger, string reason, string actor, DateTimeOffset now, OffenderFinding? figures = null, string? note = null)
    {
        var opened = new AbuseCase
        {
            SubscriberId = subscriberId,
            State = AbuseCaseState.Open,
            Trigger = trigger,
            Reason = reason,
            TriggerHour = figures?.Hour,
            TriggerAttempts = figures?.Attempts,
            TriggerDestinations = figures?.DistinctDestinations,
            BaselinePerHour = figures?.BaselinePerHour,
            OpenedBy = actor,
            OpenedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        opened.Events.Add(new AbuseCaseEvent { Kind = AbuseCaseEventKind.Opened, ToState = AbuseCaseState.Open, Actor = actor, At = now, Note = note ?? reason });
        return opened;
    }

    public AbuseCaseEvent TransitionTo(AbuseCaseState target, string actor, string? note, DateTimeOffset now)
    {
        AbuseCaseTransitions.Require(State, target);
        var step = new AbuseCaseEvent { Kind = AbuseCaseEventKind.Transition, FromState = State, ToState = target, Actor = actor, At = now, Note = note };
        State = target;
        if (target == AbuseCaseState.Resolved)
            ResolvedAt = now;
        Touch(now);
        Events.Add(step);
        return step;
    }

    public AbuseCaseEvent AddNote(string actor, string note, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(note))
            throw new DomainRuleViolation(ViolationKind.Invalid, "note", "A note needs text.");
        var added = new AbuseCaseEvent { Kind = AbuseCaseEventKind.Note, Actor = actor, At = now, Note = note };
        Touch(now);
        Events.Add(added);
        return added;
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
