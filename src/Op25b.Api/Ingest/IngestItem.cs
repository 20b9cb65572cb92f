using Op25b.Core.Attempts;

namespace Op25b.Api.Ingest;

/// <summary>What a listener hands to the writer: a parsed record, or the raw input and why it could not be parsed.</summary>
public sealed record IngestItem(string Channel, string Origin, BlockedAttemptRecord? Record, string? Raw, string? Error, DateTimeOffset ReceivedAt);
