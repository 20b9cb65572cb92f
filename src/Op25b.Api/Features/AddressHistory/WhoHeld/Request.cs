using FastEndpoints;
using FluentValidation;

namespace Op25b.Api.Features.AddressHistory.WhoHeld;

public sealed class Request
{
    public string Ip { get; set; } = "";
    /// <summary>The moment asked about; without it, the whole history of the address.</summary>
    public DateTimeOffset? At { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator() => RuleFor(r => (string?)r.Ip).MustBeAddress("ip");
    }
}

/// <summary>One interval during which a subscriber held the address, and how we know.</summary>
public sealed record Holding(string SubscriberExternalId, string Source, string Prefix, DateTimeOffset From, DateTimeOffset? Until,
    string? NasId, string? SessionId);

public sealed record Response(string Ip, DateTimeOffset? At, IReadOnlyList<Holding> Holders);
