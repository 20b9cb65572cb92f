using Op25b.Core.RuleSets;

namespace Op25b.Api.Features.RuleSets;

public sealed record ExemptEntryResponse(string Prefix, IReadOnlyList<long> ExemptionIds);

public sealed record RuleSetSummary(long Id, string RouterGroup, int Number, string Hash, DateTimeOffset CreatedAt, string Trigger, string TriggeredBy,
    IReadOnlyList<string> Warnings)
{
    public static RuleSetSummary From(RuleSetVersion v) => new(v.Id, v.RouterGroup, v.Number, v.Hash, v.CreatedAt, v.Trigger, v.TriggeredBy,
        v.Warnings?.Split('\n') ?? []);
}

public sealed record RuleSetResponse(RuleSetSummary Version, BlockingPolicy Policy, IReadOnlyList<string> Relays,
    IReadOnlyList<ExemptEntryResponse> Exempt, IReadOnlyList<string> Pools, IReadOnlyList<string> Platforms)
{
    public static RuleSetResponse From(RuleSetVersion v)
    {
        var c = RuleSetCanonical.Parse(v.Content);
        return new(RuleSetSummary.From(v), c.Policy, c.Relays.Select(p => p.ToString()).ToList(),
            c.Exempt.Select(e => new ExemptEntryResponse(e.Prefix.ToString(), e.ExemptionIds)).ToList(),
            c.Pools.Select(p => p.ToString()).ToList(), Core.RuleSets.Platforms.AllNames.ToList());
    }
}

public sealed record DifferenceResponse(
    IReadOnlyList<ExemptEntryResponse> AddedExempt, IReadOnlyList<ExemptEntryResponse> RemovedExempt,
    IReadOnlyList<string> AddedPools, IReadOnlyList<string> RemovedPools, IReadOnlyList<string> AddedRelays, IReadOnlyList<string> RemovedRelays,
    bool PolicyChanged, bool IsEmpty)
{
    public static DifferenceResponse From(RuleSetDifference d) => new(
        d.AddedExempt.Select(e => new ExemptEntryResponse(e.Prefix.ToString(), e.ExemptionIds)).ToList(),
        d.RemovedExempt.Select(e => new ExemptEntryResponse(e.Prefix.ToString(), e.ExemptionIds)).ToList(),
        d.AddedPools.Select(p => p.ToString()).ToList(), d.RemovedPools.Select(p => p.ToString()).ToList(),
        d.AddedRelays.Select(p => p.ToString()).ToList(), d.RemovedRelays.Select(p => p.ToString()).ToList(),
        d.PolicyChanged, d.IsEmpty);
}
