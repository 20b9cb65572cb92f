using Op25b.Api.Features.Exemptions;
using Op25b.Api.Rollout;
using Op25b.Core;
using Op25b.OpsUi.Ports;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.OpsConsole;

/// <summary>The console's approve / reject: the very <see cref="ExemptionDecision"/> the API endpoints run.</summary>
internal sealed class ConsoleExemptionDecisions(AdminDbContext db, AuditTrail audit, TimeProvider clock, PolicyChangeSignal signal) : IExemptionDecisions
{
    public Task ApproveAsync(HttpContext http, long id, string? reason, CancellationToken ct) =>
        ExemptionDecision.ApplyAsync(http, db, audit, id, "exemption.approved", reason,
            (e, actor) => e.Approve(actor, reason, clock.GetUtcNow()), ct, signal);

    public Task RejectAsync(HttpContext http, long id, string reason, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(reason)
            ? throw new DomainRuleViolation(ViolationKind.Invalid, "reason", "A reason is required.")
            : ExemptionDecision.ApplyAsync(http, db, audit, id, "exemption.rejected", reason,
                (e, actor) => e.Reject(actor, reason, clock.GetUtcNow()), ct);
}
