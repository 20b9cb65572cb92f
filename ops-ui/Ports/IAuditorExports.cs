using Microsoft.AspNetCore.Http;
using Op25b.Core.Exports;
using Op25b.Persistence.Exports;

namespace Op25b.OpsUi.Ports;

/// <summary>
/// Request and download exports as the API does them (same requester, runner, background job and
/// audited download), with the signed-in user taken from <paramref name="http"/> as the actor.
/// The host implements it because the background job and the actor mapping live in the host.
/// </summary>
public interface IAuditorExports
{
    /// <summary>Records the request; a small export is written before this returns, a large one is queued as a job.</summary>
    /// <exception cref="Op25b.Core.DomainRuleViolation">Unknown type or invalid parameters (names the field).</exception>
    Task<long> RequestAsync(HttpContext http, string type, ExportFormat format, bool byteOrderMark, ExportQuery query, CancellationToken ct);

    Task<ExportDownload> OpenDownloadAsync(HttpContext http, string token, CancellationToken ct);
}
