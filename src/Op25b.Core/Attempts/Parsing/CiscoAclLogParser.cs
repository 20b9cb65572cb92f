using System.Text.RegularExpressions;

namespace Op25b.Core.Attempts.Parsing;

/// <summary>
/// Cisco ACL log lines. IOS / IOS XE: "%SEC-6-IPACCESSLOGP: list OP25B-V4 denied tcp a(sport) -> b(dport), N packets",
/// IPv6 "%IPV6-6-ACCESSLOGP" (IOS) and "%IPV6_ACL-6-ACCESSLOGP" (IOS XE, list name may carry "/seq"),
/// with <c>log-input</c> the input interface and MAC after the source: "a(sport) (Gi0/0/1 0022.bd37.c800) -> …".
/// IOS XR: "%ACL-IPV4_ACL-6-IPACCESSLOGP : access-list OP25B-V4 (20) deny tcp a(sport) -> b(dport), 1 packet"
/// and the IPV6_ACL equivalent.
/// </summary>
/// <remarks>
/// The first matching packet is logged at once; later packets of the flow are summed and logged
/// about every five minutes as "N packets" (those after the first), so adding every line's N
/// counts each packet once.
/// </remarks>
public sealed partial class CiscoAclLogParser
{
    // By tag, so a damaged line with a Cisco tag gets a Cisco error rather than "unrecognised".
    public static bool Recognises(string message) =>
        message.Contains("ACCESSLOGP", StringComparison.Ordinal) && message.Contains('%');

    public ParseOutcome Parse(SyslogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (FieldReaders.TryOrigin(message, out var at, out var router) is { } originError)
            return ParseOutcome.Fail(originError);
        var match = AclLine().Match(message.Message);
        if (!match.Success)
            return ParseOutcome.Fail("not a Cisco ACL log line");

        var action = match.Groups["action"].ValueSpan[0] == 'd' ? AttemptAction.Dropped : AttemptAction.Permitted;
        if (!FieldReaders.TryAddress(match.Groups["src"].ValueSpan, out var source))
            return ParseOutcome.Fail("malformed source address");
        if (!FieldReaders.TryAddress(match.Groups["dst"].ValueSpan, out var destination))
            return ParseOutcome.Fail("malformed destination address");
        if (FieldReaders.CheckFamilies(source, destination) is { } familyError)
            return ParseOutcome.Fail(familyError);
        // ICMP and other port-less protocols log no ports; they are parsed so they can be
        // counted as "not OP25B" instead of being refused as damaged.
        int? sport = null;
        if (match.Groups["sport"].Success)
        {
            if (!FieldReaders.TryPort(match.Groups["sport"].ValueSpan, out var parsed))
                return ParseOutcome.Fail("malformed source port");
            sport = parsed;
        }
        var dport = 0;
        if (match.Groups["dport"].Success && (!FieldReaders.TryPort(match.Groups["dport"].ValueSpan, out dport) || dport == 0))
            return ParseOutcome.Fail("malformed destination port");
        if (!FieldReaders.TryCount(match.Groups["count"].ValueSpan, out var packets))
            return ParseOutcome.Fail("malformed packet count");

        return ParseOutcome.Ok(new BlockedAttemptRecord(
            at, router, source, sport, destination, dport,
            match.Groups["proto"].Value.ToLowerInvariant(), action, packets,
            ListName: match.Groups["list"].Value, TimeSource: message.TimeSource));
    }

    [GeneratedRegex(
        @"%(?:SEC-6-IPACCESSLOGP|IPV6(?:_ACL)?-6-ACCESSLOGP|ACL-IPV[46]_ACL-6-(?:IP)?ACCESSLOGP) ?: " +
        @"(?:access-)?list (?<list>[^\s/]{1,64})(?:/\d{1,10})?(?: \(\d{1,10}\))? (?<action>denied|permitted|deny|permit) (?<proto>[A-Za-z0-9]{1,16}) " +
        @"(?<src>[0-9A-Fa-f.:]{1,45})(?:\((?<sport>\d{1,9})\))?(?: \([^)]{0,80}\))? -> " +
        @"(?<dst>[0-9A-Fa-f.:]{1,45})(?:\((?<dport>\d{1,9})\))?(?: \(\d{1,3}/\d{1,3}\))?, " +
        @"(?<count>\d{1,9}) packets?\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex AclLine();
}
