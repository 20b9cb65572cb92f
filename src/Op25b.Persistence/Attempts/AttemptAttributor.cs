using System.Net;
using Microsoft.EntityFrameworkCore;
using Op25b.Core.Addressing;
using Op25b.Core.Attempts;

namespace Op25b.Persistence.Attempts;

/// <summary>
/// Ties attempts to the subscriber who held the source address at that moment: a static
/// assignment valid then, or a session (framed IPv4 address, delegated IPv6 prefix) open then.
/// Attempts whose holder is not known yet stay unattributed; late attribution retries them when
/// accounting data arrives.
/// </summary>
/// <remarks>
/// Set-based, a handful of queries per batch whatever its size: a holder's prefix is found by
/// its first address, and a source can only lie in a prefix that starts at the source masked to
/// one of the possible lengths — so every candidate start goes into one IN list per table.
/// </remarks>
public sealed class AttemptAttributor(AdminDbContext db)
{
    /// <summary>Static assignments are IPv4 /8–/32 and IPv6 /32–/128; delegated prefixes /40–/64 (wider than RFC 6177 advises, on purpose).</summary>
    private static readonly (int Shortest, int Longest) StaticV4 = (8, 32), StaticV6 = (32, 128), Delegated = (40, 64);

    private sealed record Holding(long SubscriberId, string First, string Last, DateTimeOffset From, DateTimeOffset? Until);

    public async Task<int> AttributeAsync(IReadOnlyList<BlockedAttempt> attempts, DateTimeOffset now, CancellationToken ct)
    {
        var pending = attempts.Where(a => a.SubscriberId is null).ToList();
        if (pending.Count == 0)
            return 0;
        var sources = pending.Select(a => a.SourceIp).DistinctBy(ip => ip.ToString()).ToList();
        var v4 = sources.Where(ip => ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork).ToList();
        var v6 = sources.Except(v4).ToList();

        var v4Keys = v4.Select(AddressKey.Of).ToList();
        var staticStarts = Candidates(v4, StaticV4).Concat(Candidates(v6, StaticV6)).ToList();
        var delegatedStarts = Candidates(v6, Delegated).ToList();

        var holdings = await db.AddressAssignments.AsNoTracking().Where(a => staticStarts.Contains(a.RangeFirst))
            .Select(a => new Holding(a.SubscriberId, a.RangeFirst, a.RangeLast, a.ValidFrom, a.ValidUntil)).ToListAsync(ct);
        holdings.AddRange(await db.AccessSessions.AsNoTracking().Where(s => v4Keys.Contains(s.FramedIpKey!))
            .Select(s => new Holding(s.SubscriberId, s.FramedIpKey!, s.FramedIpKey!, s.StartedAt, s.EndedAt)).ToListAsync(ct));
        if (delegatedStarts.Count > 0)
            holdings.AddRange(await db.AccessSessions.AsNoTracking().Where(s => delegatedStarts.Contains(s.DelegatedFirst!))
                .Select(s => new Holding(s.SubscriberId, s.DelegatedFirst!, s.DelegatedLast!, s.StartedAt, s.EndedAt)).ToListAsync(ct));

        var attributed = 0;
        foreach (var attempt in pending)
        {
            var key = attempt.SourceKey;
            var holder = holdings.FirstOrDefault(h => string.CompareOrdinal(h.First, key) <= 0 && string.CompareOrdinal(key, h.Last) <= 0
                && h.From <= attempt.OccurredAt && (h.Until is null || h.Until > attempt.OccurredAt));
            if (holder is null)
                continue;
            (attempt.SubscriberId, attempt.AttributedAt) = (holder.SubscriberId, now);
            attributed++;
        }
        return attributed;
    }

    /// <summary>The first address (as a key) of every prefix of the given lengths that contains each source.</summary>
    private static IEnumerable<string> Candidates(IEnumerable<IPAddress> sources, (int Shortest, int Longest) lengths) =>
        sources.SelectMany(ip => Enumerable.Range(lengths.Shortest, lengths.Longest - lengths.Shortest + 1)
                .Select(length => AddressKey.RangeOf(new IPNetwork(Mask(ip, length), length)).First))
            .Distinct();

    private static IPAddress Mask(IPAddress address, int length)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] &= (byte)(0xFF << (8 - Math.Clamp(length - i * 8, 0, 8)));
        return new IPAddress(bytes);
    }
}
