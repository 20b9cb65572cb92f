namespace Op25b.Core.Attempts.Parsing;

/// <summary>
/// Kernel LOG / nftables <c>log prefix</c> lines:
/// "OP25B-DROP IN=eth1 OUT=eth0 SRC=… DST=… PROTO=TCP SPT=51544 DPT=25 … SYN".
/// Any prefix is read (it becomes <see cref="BlockedAttemptRecord.ListName"/>), so another
/// chain's log lines are recognised and counted as not OP25B instead of refused.
/// </summary>
/// <remarks>
/// IPv6 addresses come in two spellings: the kernel's nf_log prints them in full
/// ("2001:0db8:0000:…:0010", %pI6), nftables' netdev/userspace loggers compressed ("2001:db8::10").
/// Both parse to the same address.
/// </remarks>
public sealed class LinuxLogLineParser
{
    public static bool Recognises(string message) =>
        message.Contains(" SRC=", StringComparison.Ordinal) && message.Contains("IN=", StringComparison.Ordinal);

    public ParseOutcome Parse(SyslogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (FieldReaders.TryOrigin(message, out var at, out var router) is { } originError)
            return ParseOutcome.Fail(originError);
        var text = message.Message.AsSpan();
        var inField = text.StartsWith("IN=") ? 0 : text.IndexOf(" IN=", StringComparison.Ordinal) + 1;
        if (inField <= 0 && !text.StartsWith("IN="))
            return ParseOutcome.Fail("not a kernel packet log line");
        var prefix = Prefix(text[..inField]);
        var fields = ReadFields(text[inField..]);

        if (!fields.TryGetValue("SRC", out var srcText) || !FieldReaders.TryAddress(srcText, out var source))
            return ParseOutcome.Fail("missing or malformed SRC");
        if (!fields.TryGetValue("DST", out var dstText) || !FieldReaders.TryAddress(dstText, out var destination))
            return ParseOutcome.Fail("missing or malformed DST");
        if (FieldReaders.CheckFamilies(source, destination) is { } familyError)
            return ParseOutcome.Fail(familyError);
        if (!fields.TryGetValue("PROTO", out var protocol) || protocol.Length == 0)
            return ParseOutcome.Fail("missing PROTO");
        var dport = 0;
        if (fields.TryGetValue("DPT", out var dptText) && (!FieldReaders.TryPort(dptText, out dport) || dport == 0))
            return ParseOutcome.Fail("malformed DPT");
        if (dport == 0 && protocol is "TCP" or "UDP")
            return ParseOutcome.Fail("missing or malformed DPT");
        int? sport = null;
        if (fields.TryGetValue("SPT", out var sptText))
        {
            if (!FieldReaders.TryPort(sptText, out var parsed))
                return ParseOutcome.Fail("malformed SPT");
            sport = parsed;
        }

        return ParseOutcome.Ok(new BlockedAttemptRecord(
            at, router, source, sport, destination, dport, protocol.ToLowerInvariant(), AttemptAction.Dropped,
            ListName: prefix, TimeSource: message.TimeSource));
    }

    /// <summary>The log prefix: what precedes IN=, without "kernel: " and the "[12345.678901] " uptime stamp.</summary>
    private static string Prefix(ReadOnlySpan<char> head)
    {
        head = head.Trim();
        if (head.StartsWith("kernel:"))
            head = head["kernel:".Length..].TrimStart();
        if (head.StartsWith("[") && head.IndexOf(']') is var close and > 0)
            head = head[(close + 1)..].TrimStart();
        return head.ToString();
    }

    private static Dictionary<string, string> ReadFields(ReadOnlySpan<char> text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var range in text.Split(' '))
        {
            var token = text[range];
            var eq = token.IndexOf('=');
            // Flags (DF, SYN) have no '='; ICMP errors quote the inner packet later in the
            // line with its own SRC/DST, so the first occurrence wins.
            if (eq > 0)
                fields.TryAdd(token[..eq].ToString(), token[(eq + 1)..].ToString());
        }
        return fields;
    }
}
