using Op25b.Core.Attempts;

namespace Op25b.Api.Features.Attempts;

public sealed record AttemptResponse(long Id, DateTimeOffset OccurredAt, string Router, string SourceIp, int? SourcePort, string DestinationIp,
    int DestinationPort, string Protocol, int Packets, string Action, string? SubscriberExternalId, string Channel)
{
    public static AttemptResponse From(BlockedAttempt a, string? subscriber) => new(a.Id, a.OccurredAt, a.RouterName, a.SourceIp.ToString(), a.SourcePort,
        a.DestinationIp.ToString(), a.DestinationPort, a.Protocol, a.Packets, a.Action, subscriber, a.Channel);
}
