using FastEndpoints;
using Microsoft.Extensions.Options;
using Op25b.Api.Auth;
using Op25b.Core.Abuse;
using Op25b.Persistence.Abuse;

namespace Op25b.Api.Features.Offenders.List;

public sealed record Response(DateTimeOffset At, DateTimeOffset ObservedFrom, OffenderThresholds Thresholds, IReadOnlyList<OffenderResponse> Offenders);

public sealed record OffenderResponse(string SubscriberExternalId, string DisplayName, DateTimeOffset Hour, long Attempts, int DistinctDestinations,
    double BaselinePerHour, IReadOnlyList<AbuseCaseTrigger> Triggers, string Reason, long? OpenCaseId);

/// <summary>Who crosses the offender thresholds right now (current and previous rollup hour), with the figures and their open case if any.</summary>
public sealed class Endpoint(OffenderDetector detector, IOptions<OffenderThresholds> thresholds, TimeProvider clock) : EndpointWithoutRequest<Response>
{
    public override void Configure()
    {
        Get("/offenders");
        Roles(Allow.AbuseReaders);
        Summary(s => s.Summary = "Subscribers crossing the offender thresholds now (attempts/hour, destinations/hour, far above their 14-day baseline)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var found = await detector.FindAsync(now, thresholds.Value, ct);
        await Send.OkAsync(new Response(now, OffenderWindow.At(now, thresholds.Value).ObservedFrom, thresholds.Value,
            found.Select(o => new OffenderResponse(o.ExternalId, o.DisplayName, o.Finding.Hour, o.Finding.Attempts, o.Finding.DistinctDestinations,
                Math.Round(o.Finding.BaselinePerHour, 2), o.Finding.Triggers, o.Reason, o.OpenCaseId)).ToList()), ct);
    }
}
