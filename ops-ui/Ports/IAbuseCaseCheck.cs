namespace Op25b.OpsUi.Ports;

/// <summary>
/// Pre-check of the exemption queue: "does the subscriber have an open abuse case?". The host
/// answers from its abuse cases; null stays a possible answer ("not known") for a host without them.
/// </summary>
public interface IAbuseCaseCheck
{
    Task<bool?> HasOpenCaseAsync(long subscriberId, CancellationToken ct);
}
