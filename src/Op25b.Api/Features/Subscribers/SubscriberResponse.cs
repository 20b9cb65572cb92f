using Op25b.Core.Subscribers;

namespace Op25b.Api.Features.Subscribers;

public sealed record AssignmentResponse(long Id, string Prefix, int Family, DateTimeOffset ValidFrom, DateTimeOffset? ValidUntil)
{
    public static AssignmentResponse From(AddressAssignment a) =>
        new(a.Id, a.Prefix.ToString(), (int)a.Family, a.ValidFrom, a.ValidUntil);
}

public sealed record SubscriberResponse(
    string ExternalId,
    string DisplayName,
    string ProductCode,
    SubscriberStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    IReadOnlyList<AssignmentResponse> Assignments)
{
    public static SubscriberResponse From(Subscriber s) => new(
        s.ExternalId, s.DisplayName, s.ProductCode, s.Status, s.CreatedAt, s.UpdatedAt, s.Version,
        s.Assignments.OrderBy(a => a.ValidFrom).ThenBy(a => a.Id).Select(AssignmentResponse.From).ToList());
}
