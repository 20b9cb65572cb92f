using Op25b.Core.Abuse;
using Op25b.Persistence.Audit;

namespace Op25b.Persistence.Abuse;

/// <summary>
/// Opens a case for every current offender who has no unresolved one. Idempotent: a second run
/// finds each offender with their case and opens nothing, so the recurring job may run as often
/// as it likes or twice at once (the unique index settles the race).
/// </summary>
public sealed class OffenderCaseOpener(OffenderDetector detector, AbuseCaseService cases, TimeProvider clock)
{
    public async Task<IReadOnlyList<long>> OpenForNewOffendersAsync(OffenderThresholds thresholds, CancellationToken ct)
    {
        var opened = new List<long>();
        foreach (var offender in await detector.FindAsync(clock.GetUtcNow(), thresholds, ct))
        {
            if (offender.OpenCaseId is not null)
                continue;
            try
            {
                var c = await cases.OpenAsync(offender.SubscriberId, offender.Finding.PrimaryTrigger, offender.Reason, AuditActor.System, ct, offender.Finding);
                opened.Add(c.Id);
            }
            catch (Core.DomainRuleViolation e) when (e.Kind == Core.ViolationKind.Conflict)
            {
                // Someone opened one by hand since the detector looked: that is the outcome we wanted.
            }
        }
        return opened;
    }
}
