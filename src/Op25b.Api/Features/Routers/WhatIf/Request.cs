using FastEndpoints;
using FluentValidation;

namespace Op25b.Api.Features.Routers.WhatIf;

public sealed class Request
{
    public string Name { get; set; } = "";
    public string Source { get; set; } = "";
    /// <summary>Defaults to a host on the internet (an address in no relay list) of the source's family.</summary>
    public string? Destination { get; set; }
    /// <summary>Evaluate under this version instead of the one live on the router.</summary>
    public long? RuleSetId { get; set; }

    public sealed class Validator : Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => (string?)r.Source).MustBeAddress("source");
            RuleFor(r => r.Destination).MustBeAddress("destination");
        }
    }
}

public sealed record Response(string Router, long RuleSetId, int Number, string Hash, bool Live, string Source, string Destination,
    bool Allowed, string DecidedBy, string? MatchedPrefix, IReadOnlyList<long> ExemptionIds, string Explanation);
