namespace Op25b.Core.Attempts.Parsing;

/// <summary>
/// Kernel LOG / nftables <c>log prefix</c> lines:
/// "OP25B-DROP IN=eth1 OUT=eth0 SRC=… DST=… PROTO=TCP SPT=51544 DPT=25 … SYN".
/// </summary>
public sealed class LinuxLogLineParser
{
    private readonly string _prefix;

    /// <param name="prefix">The log prefix our rule set writes; surrounding spaces are ignored.</param>
    public LinuxLogLineParser(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        _prefix = prefix.Trim();
    }

    public bool Recognises(string message) => message.Contains(_prefix, StringComparison.Ordinal);

    public ParseOutcome Parse(SyslogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (FieldReaders.TryOrigin(message, out var at, out var router) is { } originError)
            return ParseOutcome.Fail(originError);
        // The prefix may follow "kernel: " and a "[12345.678901] " uptime stamp; both are noise.
        var start = message.Message.IndexOf(_prefix, StringComparison.Ordinal);
        if (start < 0)
            return ParseOutcome.Fail("not an OP25B line");
        var fields = ReadFields(message.Message.AsSpan(start + _prefix.Length));

        if (!fields.TryGetValue("SRC", out var srcText) || !FieldReaders.TryAddress(srcText, out var source))
            return ParseOutcome.Fail("missing or malformed SRC");
        if (!fields.TryGetValue("DST", out var dstText) || !FieldReaders.TryAddress(dstText, out var destination))
            return ParseOutcome.Fail("missing or malformed DST");
        if (FieldReaders.CheckFamilies(source, destination) is { } familyError)
            return ParseOutcome.Fail(familyError);
        if (!fields.TryGetValue("PROTO", out var protocol) || protocol.Length == 0)
            return ParseOutcome.Fail("missing PROTO");
        if (!fields.TryGetValue("DPT", out var dptText) || !FieldReaders.TryPort(dptText, out var dport) || dport == 0)
            return ParseOutcome.Fail("missing or malformed DPT");
        int? sport = null;
        if (fields.TryGetValue("SPT", out var sptText))
        {
            if (!FieldReaders.TryPort(sptText, out var parsed))
                return ParseOutcome.Fail("malformed SPT");
            sport = parsed;
        }

        return ParseOutcome.Ok(new BlockedAttemptRecord(
            at, router, source, sport, destination, dport, protocol.ToLowerInvariant(), AttemptAction.Dropped));
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
