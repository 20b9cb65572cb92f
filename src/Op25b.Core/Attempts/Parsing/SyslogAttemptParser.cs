namespace Op25b.Core.Attempts.Parsing;

/// <summary>Routes a syslog message to the vendor parser whose format it carries.</summary>
public sealed class SyslogAttemptParser
{
    private readonly LinuxLogLineParser _linux;
    private readonly CiscoAclLogParser _cisco = new();
    private readonly JunosFirewallLogParser _junos = new();

    /// <param name="linuxPrefix">The kernel/nftables log prefix our Linux rule sets write.</param>
    public SyslogAttemptParser(string linuxPrefix) => _linux = new LinuxLogLineParser(linuxPrefix);

    public ParseOutcome Parse(SyslogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (JunosFirewallLogParser.Recognises(message))
            return _junos.Parse(message);
        if (CiscoAclLogParser.Recognises(message.Message))
            return _cisco.Parse(message);
        if (_linux.Recognises(message.Message))
            return _linux.Parse(message);
        return ParseOutcome.Fail("unrecognised format");
    }

    /// <summary>Header and body in one step, for a receiver that has only the raw line.</summary>
    public ParseOutcome Parse(string line, int currentYear, TimeSpan localOffset)
    {
        var header = SyslogHeaderParser.Parse(line, currentYear, localOffset);
        return header.Succeeded ? Parse(header.Message) : ParseOutcome.Fail(header.Error);
    }
}
