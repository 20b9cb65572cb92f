using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Persistence.Integrity;

namespace Op25b.Api.Http;

/// <summary>
/// Turns the exceptions that carry a client's mistake, a race the database decided (409), or a
/// database that cannot answer now (503), into problem documents. Anything else is a bug and stays
/// a 500, logged with the request id.
/// </summary>
internal sealed class ErrorMapping : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        switch (exception)
        {
            case DomainRuleViolation v:
                var (status, title) = v.Kind switch
                {
                    ViolationKind.Conflict => (StatusCodes.Status409Conflict, "Conflict with current state"),
                    ViolationKind.Forbidden => (StatusCodes.Status403Forbidden, "Not allowed"),
                    ViolationKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
                    ViolationKind.Unprocessable => (StatusCodes.Status422UnprocessableEntity, "Cannot process this request"),
                    _ => (StatusCodes.Status400BadRequest, "Invalid request"),
                };
                await Problems.Write(http, status, title, v.Message, v.Field);
                return true;
            case PreconditionFailed p:
                await Problems.Write(http, StatusCodes.Status412PreconditionFailed, "Stale version", p.Message, "If-Match");
                return true;
            // A stale version is the client's concern only when it asked for one (If-Match); otherwise
            // it lost a race to a concurrent writer, and the current state now forbids its change.
            case DbUpdateConcurrencyException when http.Request.Headers.IfMatch.Count > 0:
                await Problems.Write(http, StatusCodes.Status412PreconditionFailed, "Stale version",
                    "The resource changed while this request was processed; fetch it again and retry.", "If-Match");
                return true;
            case var unavailable when Persistence.DatabaseUnavailable.Is(unavailable):
                await UnavailableProblem.Write(http, "The database cannot be reached right now; retry after the time in Retry-After.");
                return true;
            case DbUpdateConcurrencyException:
                await Problems.Write(http, StatusCodes.Status409Conflict, "Conflict with a concurrent change",
                    "A concurrent request changed the resource first; nothing was changed. Fetch it again and retry if still needed.", "body");
                return true;
            case not null when ConstraintViolation.Find(exception) is { } race:
                await ConflictProblems.WriteAsync(http, race);
                return true;
            case BadHttpRequestException bad:
                await Problems.Write(http, bad.StatusCode, "Bad request", bad.Message,
                    bad.StatusCode == StatusCodes.Status415UnsupportedMediaType ? "Content-Type" : "body");
                return true;
            default:
                return false;
        }
    }
}
