using Microsoft.AspNetCore.Http;

namespace Op25b.OpsUi.Ports;

/// <summary>
/// Approve and reject as the API does them (four-eyes, audit, policy-change signal): the host
/// implements this with the same code its endpoints run, so the console cannot drift from it.
/// The signed-in user is taken from <paramref name="http"/>. Rule violations throw
/// <see cref="Op25b.Core.DomainRuleViolation"/>.
/// </summary>
public interface IExemptionDecisions
{
    Task ApproveAsync(HttpContext http, long id, string? reason, CancellationToken ct);
    Task RejectAsync(HttpContext http, long id, string reason, CancellationToken ct);
}
