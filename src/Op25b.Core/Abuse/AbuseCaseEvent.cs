namespace Op25b.Core.Abuse;

/// <summary>One line of a case's history: its opening, each transition, each note — who, when, what.</summary>
public sealed class AbuseCaseEvent
{
    public long Id { get; set; }
    public long AbuseCaseId { get; set; }
    public AbuseCaseEventKind Kind { get; set; }
    public AbuseCaseState? FromState { get; set; }
    public AbuseCaseState? ToState { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Note { get; set; }
}
