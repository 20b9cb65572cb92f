using FastEndpoints;
using FluentValidation;
using Op25b.Api.Auth;
using Op25b.Persistence.Attempts;

namespace Op25b.Api.Features.Attempts.TopSubscribers;

public sealed class Request
{
    /// <summary>Defaults to seven days before <see cref="To"/>.</summary>
    public DateTimeOffset? From { get; set; }
    /// <summary>Defaults to now.</summary>
    public DateTimeOffset? To { get; set; }
    public int Limit { get; set; } = 100;

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Limit).InclusiveBetween(1, 1000);
            RuleFor(r => r.To).GreaterThan(r => r.From).When(r => r.From is not null && r.To is not null);
        }
    }
}

public sealed record Offender(string SubscriberExternalId, string DisplayName, long Attempts, long Packets, int DistinctDestinations,
    DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>The subscribers hammering port 25 hardest in a period (see <see cref="AttemptStatistics.TopSubscribersAsync"/>).</summary>
public sealed class Endpoint(AttemptStatistics statistics, TimeProvider clock) : Endpoint<Request, IReadOnlyList<Offender>>
{
    public override void Configure()
    {
        Get("/attempts/top-subscribers");
        Roles(Allow.AttemptReaders);
        Summary(s => s.Summary = "Top subscribers by blocked port-25 attempts in a period (default: last 7 days, top 100)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var to = req.To?.ToUniversalTime() ?? clock.GetUtcNow();
        var from = req.From?.ToUniversalTime() ?? to.AddDays(-7);
        var top = await statistics.TopSubscribersAsync(from, to, req.Limit, ct);
        await Send.OkAsync(top.Select(t => new Offender(t.ExternalId, t.DisplayName, t.Attempts, t.Packets, t.DistinctDestinations, t.FirstSeen, t.LastSeen))
            .ToList(), ct);
    }
}
