using Op25b.Core.Exemptions;

namespace Op25b.Api.Features.Exemptions;

public sealed record ExemptionResponse(
    long Id,
    string SubscriberExternalId,
    ExemptionStatus Status,
    IReadOnlyList<string> Prefixes,
    string Justification,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidUntil,
    string? EligibilityOverrideReason,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionReason,
    string? RevokedBy,
    DateTimeOffset? RevokedAt,
    string? RevocationReason,
    int Version)
{
    /// <summary>Advice that did not block the request, e.g. a prefix outside every subscriber pool (it changes nothing).</summary>
    public IReadOnlyList<string>? Warnings { get; init; }

    /// <summary>Needs <see cref="Exemption.Subscriber"/> and <see cref="Exemption.Prefixes"/> loaded.</summary>
    public static ExemptionResponse From(Exemption e) => new(
        e.Id, e.Subscriber?.ExternalId ?? "", e.Status, e.Prefixes.Select(p => p.Prefix.ToString()).ToList(),
        e.Justification, e.RequestedBy, e.RequestedAt, e.ValidFrom, e.ValidUntil, e.EligibilityOverrideReason,
        e.DecidedBy, e.DecidedAt, e.DecisionReason, e.RevokedBy, e.RevokedAt, e.RevocationReason, e.Version);
}
