using Op25b.Core.Abuse;

namespace Op25b.Api.Features.AbuseCases;

public sealed record AbuseCaseEventResponse(long Id, AbuseCaseEventKind Kind, AbuseCaseState? FromState, AbuseCaseState? ToState, string Actor, DateTimeOffset At, string? Note);

public sealed record AbuseCaseResponse(
    long Id,
    string SubscriberExternalId,
    string? SubscriberDisplayName,
    AbuseCaseState State,
    IReadOnlyList<AbuseCaseState> AllowedTransitions,
    AbuseCaseTrigger Trigger,
    string Reason,
    DateTimeOffset? TriggerHour,
    long? TriggerAttempts,
    int? TriggerDestinations,
    double? BaselinePerHour,
    string OpenedBy,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ResolvedAt,
    int Version,
    IReadOnlyList<AbuseCaseEventResponse>? History)
{
    /// <summary>Needs <see cref="AbuseCase.Subscriber"/> loaded; the history only when <paramref name="withHistory"/> (the list leaves it out).</summary>
    public static AbuseCaseResponse From(AbuseCase c, bool withHistory = true) => new(
        c.Id, c.Subscriber?.ExternalId ?? "", c.Subscriber?.DisplayName, c.State, AbuseCaseTransitions.From(c.State), c.Trigger, c.Reason,
        c.TriggerHour, c.TriggerAttempts, c.TriggerDestinations, c.BaselinePerHour is { } b ? Math.Round(b, 2) : null,
        c.OpenedBy, c.OpenedAt, c.UpdatedAt, c.ResolvedAt, c.Version,
        withHistory ? c.Events.OrderBy(e => e.Id).Select(e => new AbuseCaseEventResponse(e.Id, e.Kind, e.FromState, e.ToState, e.Actor, e.At, e.Note)).ToList() : null);
}
