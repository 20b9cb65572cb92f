using Op25b.Core.Attempts;
using Op25b.Core.Attempts.Parsing;

namespace Op25b.Api.Ingest;

/// <summary>
/// The part every listener shares once it knows the sending router: judge the parsed line, count
/// what is not stored, and hand the writer what is (attempts, and damaged lines for quarantine).
/// </summary>
public sealed class RouterLines(IngestCounters counters)
{
    /// <returns>The item to queue, or null when the line is counted and dropped here.</returns>
    public IngestItem? Admit(ParseOutcome parsed, RouterLogProfile router, string channel, string origin, string line, DateTimeOffset receivedAt)
    {
        var outcome = LineOutcome.Judge(parsed, router);
        if (outcome.HostnameDiffers)
            counters.HostnameMismatch(router.Name);
        switch (outcome.Verdict)
        {
            case LineVerdict.Attempt:
                counters.TimeSource(channel, outcome.Record!.TimeSource);
                return new IngestItem(channel, origin, outcome.Record, line, null, receivedAt);
            case LineVerdict.NotCounted:
                counters.NotCountedLine(router.Name, outcome.Reason!.Value.Label());
                return null;
            case LineVerdict.NotPacketLog:
                counters.NotCountedLine(router.Name, "not-packet-log");
                return null;
            default:
                return new IngestItem(channel, origin, null, line, outcome.Error ?? "unparseable", receivedAt);
        }
    }
}
