using System.Globalization;
using System.Text.RegularExpressions;

namespace Op25b.Core.Attempts.Parsing;

/// <summary>
/// The header Cisco IOS, IOS XE and IOS XR put on the wire by default, which is not RFC 3164:
/// "&lt;PRI&gt;[seq: ][host: ][node:][*|.]Mmm dd [yyyy ]hh:mm:ss[.mmm][ TZ]: %FAC-S-MNEMONIC: …"
/// or an uptime stamp ("1w2d:", "00:12:34:") in place of the date.
/// </summary>
/// <remarks>
/// "service sequence-numbers" adds the counter, "logging origin-id hostname" the host,
/// "service timestamps log datetime [msec] [localtime] [show-timezone] [year]" the date parts,
/// "service timestamps log uptime" the uptime form. IOS XR prefixes its node ("RP/0/RSP0/CPU0:").
/// '*' means the clock is not authoritative, '.' that it was synchronised but lost sync; the time
/// is used either way, it is the best the router has.
/// </remarks>
internal static partial class CiscoHeader
{
    private static readonly string[] Months =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <returns>False when the text after PRI is not in a Cisco form (then it is RFC 3164's to read).</returns>
    public static bool TryParse(string line, int start, int? pri, RouterClock clock, out SyslogHeaderOutcome outcome)
    {
        outcome = default;
        var match = Header().Match(line, start);
        if (!match.Success)
            return false;
        var host = match.Groups["host"].Success ? match.Groups["host"].Value : null;
        var text = match.Groups["rest"].Value;
        if (match.Groups["uptime"].Success)
        {
            // Uptime says nothing about the date: the arrival time is the best estimate.
            outcome = SyslogHeaderOutcome.Ok(new SyslogMessage(clock.ReceivedAt, host, null, text, pri / 8, pri % 8, LogTimeSource.Received));
            return true;
        }
        var month = Array.IndexOf(Months, match.Groups["mon"].Value) + 1;
        var day = int.Parse(match.Groups["day"].ValueSpan, CultureInfo.InvariantCulture);
        if (month == 0 || !TimeOnly.TryParseExact(match.Groups["time"].ValueSpan, "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            outcome = SyslogHeaderOutcome.Fail("malformed Cisco timestamp");
            return true;
        }
        var fraction = match.Groups["frac"].Success
            ? long.Parse(match.Groups["frac"].Value.PadRight(7, '0'), CultureInfo.InvariantCulture)
            : 0;
        var offset = ZoneAbbreviations.OffsetOf(match.Groups["tz"].ValueSpan);
        DateTimeOffset? at;
        if (match.Groups["year"].Success)
        {
            var year = int.Parse(match.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
            at = day <= DateTime.DaysInMonth(year, month)
                ? clock.ToUtc(new DateTime(new DateOnly(year, month, day), time).AddTicks(fraction), offset)
                : null;
        }
        else
            at = clock.InferYear(month, day, time, fraction, offset);
        outcome = at is null
            ? SyslogHeaderOutcome.Fail("impossible Cisco date")
            : SyslogHeaderOutcome.Ok(new SyslogMessage(at, host, null, text, pri / 8, pri % 8));
        return true;
    }

    [GeneratedRegex(
        @"\G(?:\d{1,10}: )?(?:(?<host>[A-Za-z0-9][A-Za-z0-9._-]{0,62}): )?(?:[A-Za-z0-9]+(?:/[A-Za-z0-9]+)+:)?" +
        @"(?:[*.]?(?<mon>[A-Z][a-z]{2}) {1,2}(?<day>\d{1,2}) (?:(?<year>\d{4}) )?(?<time>\d{2}:\d{2}:\d{2})(?:\.(?<frac>\d{1,6}))?" +
        @"(?: (?<tz>[A-Z]{1,6}|[+-]\d{2}(?::?\d{2})?))?" +
        @"|[*.]?(?<uptime>\d{1,2}:\d{2}:\d{2}|(?:\d{1,5}[ywdh]){1,3})" +
        @") ?: ?(?<rest>.*)$",
        RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Header();
}
