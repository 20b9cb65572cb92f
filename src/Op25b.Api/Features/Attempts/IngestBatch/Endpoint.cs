using FastEndpoints;
using Op25b.Api.Auth;
using Op25b.Api.Http;
using Op25b.Core.Ingest;

namespace Op25b.Api.Features.Attempts.IngestBatch;

/// <summary>
/// Batch ingest from collectors: NDJSON (application/x-ndjson), a JSON array (application/json)
/// or CSV (text/csv), streamed — the body is never held whole. Answers with accepted, duplicate
/// and rejected counts and, for each rejected line, its number and reason (also quarantined).
/// </summary>
public sealed class Endpoint(BatchIngestor ingestor) : EndpointWithoutRequest<BatchOutcome>
{
    public override void Configure()
    {
        Post("/attempts/batch");
        Roles(Allow.NetworkAdmins);
        // The body is read as a stream here, not bound: declare the three batch formats instead of FastEndpoints' JSON default.
        Description(b => b.ClearDefaultAccepts().Accepts<BatchRecord>("application/x-ndjson", "application/jsonl", "application/json", "text/csv"));
        Summary(s => s.Summary = "Ingest blocked port-25 attempts: NDJSON, JSON array or CSV, streamed; per-line rejections reported and quarantined");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (BatchFormats.FromContentType(HttpContext.Request.ContentType) is not { } format)
        {
            await Problems.Write(HttpContext, StatusCodes.Status415UnsupportedMediaType, "Unsupported batch format",
                "Send application/x-ndjson, application/json (an array) or text/csv.", "Content-Type");
            return;
        }
        var outcome = await ingestor.IngestAsync(BatchFormats.ReaderFor(format), HttpContext.Request.Body, Actor.NameOf(User), ct);
        await Send.OkAsync(outcome, ct);
    }
}
