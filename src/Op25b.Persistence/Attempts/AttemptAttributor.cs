using Microsoft.EntityFrameworkCore;
using Op25b.Core.Addressing;
using Op25b.Core.Attempts;

namespace Op25b.Persistence.Attempts;

/// <summary>
/// Ties attempts to the subscriber who held the source address at that moment: a static
/// assignment valid then, or a session (framed IPv4 address, delegated IPv6 prefix) open then.
/// Attempts whose holder is not known yet stay unattributed; the attribution job retries them
/// when late accounting data arrives.
/// </summary>
public sealed class AttemptAttributor(AdminDbContext db)
{
    private sealed record Holding(long SubscriberId, DateTimeOffset From, DateTimeOffset? Until);

    public async Task<int> AttributeAsync(IReadOnlyList<BlockedAttempt> attempts, DateTimeOffset now, CancellationToken ct)
    {
        var attributed = 0;
        foreach (var group in attempts.Where(a => a.SubscriberId is null).GroupBy(a => a.SourceKey))
        {
            var holdings = await HoldingsAsync(group.Key, AddressKey.FamilyOf(group.First().SourceIp), ct);
            foreach (var attempt in group)
            {
                var holder = holdings.FirstOrDefault(h => h.From <= attempt.OccurredAt && (h.Until is null || h.Until > attempt.OccurredAt));
                if (holder is null)
                    continue;
                (attempt.SubscriberId, attempt.AttributedAt) = (holder.SubscriberId, now);
                attributed++;
            }
        }
        return attributed;
    }

    private async Task<List<Holding>> HoldingsAsync(string key, IpFamily family, CancellationToken ct)
    {
        var statics = await db.AddressAssignments.AsNoTracking()
            .Where(a => a.Family == family && a.RangeFirst.CompareTo(key) <= 0 && a.RangeLast.CompareTo(key) >= 0)
            .Select(a => new Holding(a.SubscriberId, a.ValidFrom, a.ValidUntil)).ToListAsync(ct);
        var sessions = family == IpFamily.V4
            ? db.AccessSessions.AsNoTracking().Where(s => s.FramedIpKey == key)
            : db.AccessSessions.AsNoTracking().Where(s => s.DelegatedFirst!.CompareTo(key) <= 0 && s.DelegatedLast!.CompareTo(key) >= 0);
        statics.AddRange(await sessions.Select(s => new Holding(s.SubscriberId, s.StartedAt, s.EndedAt)).ToListAsync(ct));
        return statics;
    }
}
