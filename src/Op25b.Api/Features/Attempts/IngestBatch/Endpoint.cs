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
        Summary(s =>
        {
            s.Summary = "Ingest blocked port-25 attempts: NDJSON, JSON array or CSV, streamed; per-line rejections reported and quarantined";
            s.Responses[503] = "The database became unavailable: a problem with Retry-After and committedThroughLine, the line to resume after";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (BatchFormats.FromContentType(HttpContext.Request.ContentType) is not { } format)
        {
            await Problems.Write(HttpContext, StatusCodes.Status415UnsupportedMediaType, "Unsupported batch format",
                "Send application/x-ndjson, application/json (an array) or text/csv.", "Content-Type");
            return;
        }
        BatchOutcome outcome;
        try
        {
            outcome = await ingestor.IngestAsync(BatchFormats.ReaderFor(format), HttpContext.Request.Body, Actor.NameOf(User), ct);
        }
        catch (BatchInterrupted stopped)
        {
            // What the sender needs to resume exactly: resending from the next line stores each attempt once (resends are duplicates).
            await UnavailableProblem.Write(HttpContext,
                $"The database became unavailable during the batch. Lines 1 to {stopped.CommittedThroughLine} are committed; " +
                $"send the rest again from line {stopped.CommittedThroughLine + 1} (for a JSON array: element; for CSV: with the header) after Retry-After.",
                new Dictionary<string, object?>
                {
                    ["committedThroughLine"] = stopped.CommittedThroughLine,
                    ["accepted"] = stopped.Accepted,
                    ["duplicates"] = stopped.Duplicates,
                    ["rejected"] = stopped.Rejected,
                });
            return;
        }
        await Send.OkAsync(outcome, ct);
    }
}
