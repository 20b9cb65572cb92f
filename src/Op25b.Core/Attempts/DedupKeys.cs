using System.Security.Cryptography;
using System.Text;

namespace Op25b.Core.Attempts;

/// <summary>
/// The identity of an attempt for de-duplication: the source's own event id when it gives one,
/// else a hash of what the router saw (router, time to the microsecond, 5-tuple).
/// </summary>
public static class DedupKeys
{
    public static string For(BlockedAttempt a, string? eventId)
    {
        if (!string.IsNullOrEmpty(eventId))
            return "id:" + (eventId.Length <= 60 ? eventId : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)))[..60]);
        var natural = $"{a.RouterName}|{a.OccurredAt.UtcTicks / 10}|{a.SourceIp}|{a.SourcePort}|{a.DestinationIp}|{a.DestinationPort}|{a.Protocol}";
        return "nk:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(natural)))[..40];
    }
}
