using Op25b.Core.Attempts.Parsing;

namespace Op25b.Core.Attempts;

public enum LineVerdict
{
    /// <summary>An OP25B drop: stored as a blocked attempt.</summary>
    Attempt,
    /// <summary>A packet log record that is not an OP25B drop: counted by reason, not stored.</summary>
    NotCounted,
    /// <summary>Not a packet log line at all (an interface flap, a login): counted, not stored.</summary>
    NotPacketLog,
    /// <summary>A line in a packet-log format that could not be read: quarantined with the reason.</summary>
    Refused,
}

/// <summary>What becomes of one line from a known router.</summary>
/// <param name="HostnameDiffers">The line names a host other than the router its address is registered to.</param>
public readonly record struct LineOutcome(LineVerdict Verdict, BlockedAttemptRecord? Record, NotCountedReason? Reason, string? Error, bool HostnameDiffers)
{
    /// <summary>
    /// Attributes a parsed line to the router it came from and decides whether it counts. The
    /// hostname inside the line is only a cross-check: Cisco's default format carries none, and a
    /// relay may rewrite it.
    /// </summary>
    public static LineOutcome Judge(ParseOutcome parsed, RouterLogProfile router)
    {
        ArgumentNullException.ThrowIfNull(router);
        if (!parsed.Succeeded)
            return parsed.Error == SyslogAttemptParser.Unrecognised
                ? new LineOutcome(LineVerdict.NotPacketLog, null, null, parsed.Error, false)
                : new LineOutcome(LineVerdict.Refused, null, null, parsed.Error, false);
        var claimed = parsed.Record.RouterName;
        var differs = claimed.Length > 0 && !SameHost(claimed, router.Name);
        var record = parsed.Record with { RouterName = router.Name };
        return Op25bDrop.WhyNot(record, router.Names) is { } reason
            ? new LineOutcome(LineVerdict.NotCounted, record, reason, null, differs)
            : new LineOutcome(LineVerdict.Attempt, record, null, null, differs);
    }

    /// <summary>Case-insensitive, and a bare host name matches its FQDN ("bng1" = "bng1.example.net").</summary>
    private static bool SameHost(string claimed, string registered)
    {
        static ReadOnlySpan<char> Label(string name) => name.AsSpan(0, name.IndexOf('.') is var dot and > 0 ? dot : name.Length);
        return claimed.Equals(registered, StringComparison.OrdinalIgnoreCase)
            || Label(claimed).Equals(Label(registered), StringComparison.OrdinalIgnoreCase);
    }
}
