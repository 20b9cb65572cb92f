namespace Op25b.OpsUi.Ports;

/// <summary>
/// Pre-check of the exemption queue: "does the subscriber have an open abuse case?". Abuse cases
/// are being built separately; until they land the answer is "not known" (null), shown as such.
/// Replace the registration of <see cref="AbuseCasesNotYetRecorded"/> when they do.
/// </summary>
public interface IAbuseCaseCheck
{
    Task<bool?> HasOpenCaseAsync(long subscriberId, CancellationToken ct);
}

public sealed class AbuseCasesNotYetRecorded : IAbuseCaseCheck
{
    public Task<bool?> HasOpenCaseAsync(long subscriberId, CancellationToken ct) => Task.FromResult<bool?>(null);
}
