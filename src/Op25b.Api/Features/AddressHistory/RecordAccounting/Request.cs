using FastEndpoints;
using FluentValidation;

namespace Op25b.Api.Features.AddressHistory.RecordAccounting;

/// <summary>One RADIUS-style accounting record as a collector forwards it.</summary>
public sealed class AccountingEventInput
{
    /// <summary>start, interim-update, stop, accounting-on or accounting-off.</summary>
    public string Type { get; set; } = "";
    public string NasId { get; set; } = "";
    /// <summary>Acct-Session-Id; not used for accounting-on/off.</summary>
    public string? SessionId { get; set; }
    /// <summary>When the collector received it; Acct-Delay-Time is subtracted to get the event time.</summary>
    public DateTimeOffset? ReceivedAt { get; set; }
    public int DelaySeconds { get; set; }
    /// <summary>The subscriber the collector resolved the RADIUS User-Name to (required for session events).</summary>
    public string? SubscriberExternalId { get; set; }
    public string? FramedIp { get; set; }
    public string? DelegatedPrefix { get; set; }
}

public sealed class Request
{
    public List<AccountingEventInput> Events { get; set; } = [];

    public sealed class Validator : Validator<Request>
    {
        public const int MaxEvents = 5_000;

        public Validator() => RuleFor(r => r.Events).NotEmpty().Must(e => e.Count <= MaxEvents)
            .WithMessage($"At most {MaxEvents} events per call.");
    }
}

public sealed record EventResult(int Index, string Outcome, string? Reason = null);

public sealed record Response(int Accepted, int Duplicates, int Rejected, IReadOnlyList<EventResult> Results);
