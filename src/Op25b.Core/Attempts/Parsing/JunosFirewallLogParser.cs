namespace Op25b.Core.Attempts.Parsing;

/// <summary>
/// Junos firewall-filter <c>syslog</c> action lines:
/// "PFE_FW_SYSLOG_IP: FW: ge-1/0/10.0 D tcp 198.51.100.23 203.0.113.9 51544 25 (1 packets)".
/// </summary>
/// <remarks>
/// IPv6 uses its own tags (PFE_FW_SYSLOG_IP6_GEN, PFE_FW_SYSLOG_IP6_TCP_UDP). We have not
/// seen a captured IPv6 line, so two layouts are accepted after "FW: IFACE ACTION PROTO":
/// the IPv4 positional one (SRC DST SPORT DPORT) and the labelled one
/// (SA SRC DA DST SP SPORT DP DPORT) that Juniper documents for the IPv6 tags.
/// </remarks>
public sealed class JunosFirewallLogParser
{
    private const string TagStem = "PFE_FW_SYSLOG_";

    public static bool Recognises(SyslogMessage message) =>
        message.AppName?.StartsWith(TagStem, StringComparison.Ordinal) == true
        || message.Message.Contains(TagStem, StringComparison.Ordinal);

    public ParseOutcome Parse(SyslogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (FieldReaders.TryOrigin(message, out var at, out var router) is { } originError)
            return ParseOutcome.Fail(originError);
        if (Body(message) is not { } body)
            return ParseOutcome.Fail("not a Junos firewall log line");

        var tokens = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // FW: IFACE ACTION PROTO, four address/port fields (eight when labelled), "(N", "packets)".
        if (tokens.Length < 9 || tokens[0] != "FW:")
            return ParseOutcome.Fail("truncated Junos firewall log line");
        AttemptAction? action = tokens[2] switch
        {
            "A" => AttemptAction.Permitted,
            "D" => AttemptAction.Dropped,
            "R" => AttemptAction.Rejected,
            _ => null,
        };
        if (action is null)
            return ParseOutcome.Fail($"unknown Junos action '{tokens[2]}'");

        var labelled = tokens[4] is "SA" or "sa";
        var (src, dst, sp, dp, next) = labelled
            ? (Labelled(tokens, 4, "SA"), Labelled(tokens, 6, "DA"), Labelled(tokens, 8, "SP"), Labelled(tokens, 10, "DP"), 12)
            : (tokens[4], tokens[5], tokens[6], tokens[7], 8);
        if (src is null || dst is null || sp is null || dp is null || tokens.Length < next + 2)
            return ParseOutcome.Fail("truncated Junos firewall log line");

        if (!FieldReaders.TryAddress(src, out var source))
            return ParseOutcome.Fail("malformed source address");
        if (!FieldReaders.TryAddress(dst, out var destination))
            return ParseOutcome.Fail("malformed destination address");
        if (FieldReaders.CheckFamilies(source, destination) is { } familyError)
            return ParseOutcome.Fail(familyError);
        if (!FieldReaders.TryPort(sp, out var sport))
            return ParseOutcome.Fail("malformed source port");
        if (!FieldReaders.TryPort(dp, out var dport) || dport == 0)
            return ParseOutcome.Fail("malformed destination port");
        var countText = tokens[next];
        if (!countText.StartsWith('(') || !tokens[next + 1].StartsWith("packet", StringComparison.Ordinal)
            || !FieldReaders.TryCount(countText.AsSpan(1), out var packets))
            return ParseOutcome.Fail("malformed packet count");

        return ParseOutcome.Ok(new BlockedAttemptRecord(
            at, router, source, sport, destination, dport, tokens[3].ToLowerInvariant(), action.Value, packets));
    }

    /// <summary>The text from "FW:" on, whether the tag landed in the syslog TAG or the message.</summary>
    private static string? Body(SyslogMessage message)
    {
        // RFC 5424 senders may put the tag in APP-NAME and still repeat it in MSG, so the
        // message is searched first.
        var tag = message.Message.IndexOf(TagStem, StringComparison.Ordinal);
        if (tag >= 0)
        {
            var colon = message.Message.IndexOf(": ", tag, StringComparison.Ordinal);
            return colon < 0 ? null : message.Message[(colon + 2)..];
        }
        return message.AppName?.StartsWith(TagStem, StringComparison.Ordinal) == true ? message.Message : null;
    }

    private static string? Labelled(string[] tokens, int at, string label) =>
        at + 1 < tokens.Length && string.Equals(tokens[at], label, StringComparison.OrdinalIgnoreCase)
            ? tokens[at + 1]
            : null;
}
