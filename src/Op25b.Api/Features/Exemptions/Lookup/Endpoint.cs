using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Core.Addressing;
using Op25b.Core.Exemptions;
using Op25b.Persistence;

namespace Op25b.Api.Features.Exemptions.Lookup;

/// <summary>"Is address X exempt at time T, and by which exemption?" — answered from history, so T may be in the past.</summary>
public sealed class Endpoint(AdminDbContext db, TimeProvider clock) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Get("/exemptions/lookup");
        Roles(Allow.Everyone);
        Summary(s => s.Summary = "Is this address exempt at this time, and by which exemption?");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        PrefixParser.TryParseAddress(req.Ip, out var ip, out _);
        var at = req.At?.ToUniversalTime() ?? clock.GetUtcNow();
        var key = AddressKey.Of(ip);
        var family = AddressKey.FamilyOf(ip);
        var match = await db.Exemptions.AsNoTracking().WithDetails()
            .Where(Exemption.InForceAt(at))
            .Where(e => e.Prefixes.Any(p => p.Family == family && p.RangeFirst.CompareTo(key) <= 0 && p.RangeLast.CompareTo(key) >= 0))
            .OrderBy(e => e.Id)
            .FirstOrDefaultAsync(ct);
        var prefix = match?.Prefixes.First(p => p.Family == family
            && string.CompareOrdinal(p.RangeFirst, key) <= 0 && string.CompareOrdinal(p.RangeLast, key) >= 0);
        await Send.OkAsync(new Response(ip.ToString(), at, match is not null, prefix?.Prefix.ToString(),
            match is null ? null : ExemptionResponse.From(match)), ct);
    }
}
