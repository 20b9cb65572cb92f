using System.Globalization;

namespace Op25b.Core.Attempts.Parsing;

/// <summary>ulogd's JSON "timestamp": "2026-11-28T12:10:00[.123456][+0900]" in the ulogd host's local time.</summary>
internal static class UlogdTimestamp
{
    private static readonly string[] Local = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.ffffff"];

    public static bool TryRead(string text, RouterClock clock, out DateTimeOffset at)
    {
        at = default;
        var span = text.AsSpan();
        TimeSpan? offset = null;
        // The offset, when present, is the last five characters ("+0900").
        if (span.Length > 5 && span[^5] is '+' or '-')
        {
            offset = ZoneAbbreviations.OffsetOf(span[^5..]);
            if (offset is null)
                return false;
            span = span[..^5];
        }
        if (!DateTime.TryParseExact(span, Local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return false;
        at = clock.ToUtc(local, offset);
        return true;
    }
}
