using Microsoft.AspNetCore.Http;
using Op25b.Core.Abuse;

namespace Op25b.OpsUi.Ports;

/// <summary>
/// Open, move and annotate abuse cases as the API does (one transaction with history and audit):
/// the host implements this with the same service its endpoints call, recording the signed-in
/// user taken from <paramref name="http"/>. Rule violations throw <see cref="Op25b.Core.DomainRuleViolation"/>.
/// Reads need no port: the console reads cases and offenders through the persistence library.
/// </summary>
public interface IAbuseCaseDesk
{
    Task<long> OpenAsync(HttpContext http, long subscriberId, AbuseCaseTrigger trigger, string reason, OffenderFinding? figures, string? note, CancellationToken ct);
    Task TransitionAsync(HttpContext http, long id, AbuseCaseState target, string? note, CancellationToken ct);
    Task AddNoteAsync(HttpContext http, long id, string note, CancellationToken ct);
}
