using Op25b.Api.Auth;
using Op25b.Api.Http;
using Op25b.Api.Rollout;
using Op25b.Core.Exemptions;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.Exemptions;

/// <summary>The shared shape of approve / reject / revoke: load, check If-Match, apply, audit, save, and signal a policy change where it is one.</summary>
public static class ExemptionDecision
{
    public static async Task<ExemptionResponse> ApplyAsync(
        HttpContext http, AdminDbContext db, AuditTrail audit, long id, string action, string? reason,
        Action<Exemption, string> apply, CancellationToken ct, PolicyChangeSignal? signal = null)
    {
        var exemption = await ExemptionLookup.RequireAsync(db, id, ct);
        ETags.RequireMatch(http, exemption.Version);
        var before = ExemptionResponse.From(exemption);
        apply(exemption, Actor.NameOf(http.User));
        exemption.Version++;
        audit.Record(Actor.Of(http), new AuditRecord(action, "exemption", id.ToString(), before, ExemptionResponse.From(exemption), reason));
        await audit.SaveAsync(ct);
        signal?.Notify($"exemption {id} {action.Split('.')[1]}", Actor.NameOf(http.User));
        ETags.Set(http, exemption.Version);
        return ExemptionResponse.From(exemption);
    }
}
