using Op25b.OpsUi.Ports;
using Op25b.Persistence.Abuse;

namespace Op25b.Api.OpsConsole;

/// <summary>The exemption queue's "open abuse case?" pre-check, asked the way the API's exemption warnings ask it.</summary>
internal sealed class ConsoleAbuseCaseCheck(AbuseCaseQueries queries) : IAbuseCaseCheck
{
    public async Task<bool?> HasOpenCaseAsync(long subscriberId, CancellationToken ct) => await queries.HasOpenCaseAsync(subscriberId, ct);
}
