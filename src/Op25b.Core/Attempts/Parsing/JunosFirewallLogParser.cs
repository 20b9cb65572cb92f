namespace Op25b.Core.Attempts.Parsing;

/// <summary>
/// Junos firewall-filter <c>syslog</c> action lines:
/// "PFE_FW_SYSLOG_IP: FW: ge-1/0/10.0 D tcp 198.51.100.23 203.0.113.9 51544 25 (1 packets)",
/// and PFE_FW_SYSLOG_ETH_IP, which adds the ethertype and MAC addresses before the protocol.
/// The line does not name the filter, so <see cref="BlockedAttemptRecord.ListName"/> stays null.
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

    // Junos' structured-data format (RFC 5424) carries the tag as MSGID and the process as APP-NAME.
    public static bool Recognises(SyslogMessage message) =>
        Tagged(message) || message.Message.Contains(TagStem, StringComparison.Ordinal);

    private static bool Tagged(SyslogMessage message) =>
        message.AppName?.StartsWith(TagStem, StringComparison.Ordinal) == true
        || message.MsgId?.StartsWith(TagStem, StringComparison.Ordinal) == true;

    public ParseOutcome Parse(SyslogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (FieldReaders.TryOrigin(message, out var at, out var router) is { } originError)
            return ParseOutcome.Fail(originError);
        if (Body(message) is not { } body)
            return ParseOutcome.Fail("not a Junos firewall log line");

        var tokens = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // FW: IFACE ACTION [ETHERTYPE SMAC -> DMAC] PROTO, addresses and ports, then "(N packets)"
        // which Junos leaves out when it logs a single packet.
        if (tokens.Length < 8 || tokens[0] != "FW:")
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

        // PFE_FW_SYSLOG_ETH_IP puts the ethertype and the MAC pair before the protocol: the
        // protocol is the token before the first address field, wherever that is.
        var proto = ProtocolIndex(tokens);
        if (proto < 0)
            return ParseOutcome.Fail("truncated Junos firewall log line");
        var labelled = tokens[proto + 1] is "SA" or "sa";
        var (src, dst, sp, dp, next) = labelled
            ? (Labelled(tokens, proto + 1, "SA"), Labelled(tokens, proto + 3, "DA"), Labelled(tokens, proto + 5, "SP"), Labelled(tokens, proto + 7, "DP"), proto + 9)
            : (At(tokens, proto + 1), At(tokens, proto + 2), At(tokens, proto + 3), At(tokens, proto + 4), proto + 5);
        if (src is null || dst is null || sp is null || dp is null)
            return ParseOutcome.Fail("truncated Junos firewall log line");

        if (!FieldReaders.TryAddress(src, out var source))
            return ParseOutcome.Fail("malformed source address");
        if (!FieldReaders.TryAddress(dst, out var destination))
            return ParseOutcome.Fail("malformed destination address");
        if (FieldReaders.CheckFamilies(source, destination) is { } familyError)
            return ParseOutcome.Fail(familyError);
        if (!FieldReaders.TryPort(sp, out var sport))
            return ParseOutcome.Fail("malformed source port");
        // Port-less protocols log 0 here; they are parsed so they can be counted as not OP25B.
        if (!FieldReaders.TryPort(dp, out var dport))
            return ParseOutcome.Fail("malformed destination port");
        var packets = 1;
        if (next < tokens.Length)
        {
            var countText = tokens[next];
            if (!countText.StartsWith('(') || next + 1 >= tokens.Length || !tokens[next + 1].StartsWith("packet", StringComparison.Ordinal)
                || !FieldReaders.TryCount(countText.AsSpan(1), out packets))
                return ParseOutcome.Fail("malformed packet count");
        }

        return ParseOutcome.Ok(new BlockedAttemptRecord(
            at, router, source, sport, destination, dport, tokens[proto].ToLowerInvariant(), action.Value, packets,
            TimeSource: message.TimeSource));
    }

    private static int ProtocolIndex(string[] tokens)
    {
        for (var i = 3; i + 1 < tokens.Length; i++)
        {
            var following = tokens[i + 1];
            if (following is "SA" or "sa" || FieldReaders.TryAddress(following, out _))
                return i;
        }
        return -1;
    }

    private static string? At(string[] tokens, int index) => index < tokens.Length ? tokens[index] : null;

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
        return Tagged(message) ? message.Message : null;
    }

    private static string? Labelled(string[] tokens, int at, string label) =>
        at + 1 < tokens.Length && string.Equals(tokens[at], label, StringComparison.OrdinalIgnoreCase)
            ? tokens[at + 1]
            : null;
}
