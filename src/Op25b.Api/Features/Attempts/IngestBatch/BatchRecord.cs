namespace Op25b.Api.Features.Attempts.IngestBatch;

/// <summary>
/// One record of a batch, for the OpenAPI document only: the body is streamed and validated line
/// by line (see Op25b.Core.Ingest), never bound to this type. CSV uses the same names as header columns.
/// </summary>
public sealed class BatchRecord
{
    public DateTimeOffset OccurredAt { get; set; }
    public string Router { get; set; } = "";
    public string SourceIp { get; set; } = "";
    public int? SourcePort { get; set; }
    public string DestinationIp { get; set; } = "";
    public int DestinationPort { get; set; } = 25;
    public string Protocol { get; set; } = "tcp";
    public int Packets { get; set; } = 1;
    /// <summary>dropped, rejected or permitted.</summary>
    public string Action { get; set; } = "dropped";
    public string? EventId { get; set; }
}
