using System.Text.RegularExpressions;

namespace Op25b.Core.Attempts.Parsing;

/// <summary>
/// IOS/IOS XE ACL log lines: "%SEC-6-IPACCESSLOGP: list OP25B-V4 denied tcp a(sport) -> b(dport), N packets",
/// and the IPv6 tags "%IPV6-6-ACCESSLOGP" (IOS) and "%IPV6_ACL-6-ACCESSLOGP" (IOS XE).
/// </summary>
public sealed partial class CiscoAclLogParser
{
    // By tag, so a damaged line with a Cisco tag gets a Cisco error rather than "unrecognised".
    public static bool Recognises(string message) =>
        message.Contains("-6-IPACCESSLOGP:", StringComparison.Ordinal)
        || message.Contains("-6-ACCESSLOGP:", StringComparison.Ordinal);

    public ParseOutcome Parse(SyslogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (FieldReaders.TryOrigin(message, out var at, out var router) is { } originError)
            return ParseOutcome.Fail(originError);
        // A "000123: *Nov 28 03:10:00.123: " sequence number and device clock may precede the
        // tag. The device clock is ignored: '*' marks it unsynchronised and it has no year or zone.
        var match = AclLine().Match(message.Message);
        if (!match.Success)
            return ParseOutcome.Fail("not a Cisco ACL log line");

        var action = match.Groups["action"].Value switch
        {
            "denied" => AttemptAction.Dropped,
            _ => AttemptAction.Permitted,
        };
        if (!FieldReaders.TryAddress(match.Groups["src"].ValueSpan, out var source))
            return ParseOutcome.Fail("malformed source address");
        if (!FieldReaders.TryAddress(match.Groups["dst"].ValueSpan, out var destination))
            return ParseOutcome.Fail("malformed destination address");
        if (FieldReaders.CheckFamilies(source, destination) is { } familyError)
            return ParseOutcome.Fail(familyError);
        if (!FieldReaders.TryPort(match.Groups["sport"].ValueSpan, out var sport))
            return ParseOutcome.Fail("malformed source port");
        if (!FieldReaders.TryPort(match.Groups["dport"].ValueSpan, out var dport) || dport == 0)
            return ParseOutcome.Fail("malformed destination port");
        // Cisco logs the first packet at once, then a per-flow count about every five minutes.
        if (!FieldReaders.TryCount(match.Groups["count"].ValueSpan, out var packets))
            return ParseOutcome.Fail("malformed packet count");

        return ParseOutcome.Ok(new BlockedAttemptRecord(
            at, router, source, sport, destination, dport,
            match.Groups["proto"].Value.ToLowerInvariant(), action, packets));
    }

    [GeneratedRegex(
        @"%(?:SEC-6-IPACCESSLOGP|IPV6(?:_ACL)?-6-ACCESSLOGP): list \S+ (?<action>denied|permitted) (?<proto>[a-z]+) " +
        @"(?<src>[0-9A-Fa-f.:]{1,45})\((?<sport>\d{1,9})\) -> (?<dst>[0-9A-Fa-f.:]{1,45})\((?<dport>\d{1,9})\), " +
        @"(?<count>\d{1,9}) packets?\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex AclLine();
}
