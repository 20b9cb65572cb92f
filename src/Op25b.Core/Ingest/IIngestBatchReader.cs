namespace Op25b.Core.Ingest;

/// <summary>Reads a batch body as it arrives; one result per line or element, in order.</summary>
public interface IIngestBatchReader
{
    IAsyncEnumerable<IngestLine> ReadAsync(Stream body, CancellationToken ct);
}
