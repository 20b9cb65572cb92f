namespace Op25b.Core.Attempts.Parsing;

/// <summary>Routes a syslog message to the vendor parser whose format it carries.</summary>
public sealed class SyslogAttemptParser
{
    /// <summary>The error for a line in none of the packet-log formats (an interface flap, a login…).</summary>
    public const string Unrecognised = "unrecognised format";

    private readonly LinuxLogLineParser _linux = new();
    private readonly CiscoAclLogParser _cisco = new();
    private readonly JunosFirewallLogParser _junos = new();

    public ParseOutcome Parse(SyslogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (JunosFirewallLogParser.Recognises(message))
            return _junos.Parse(message);
        if (CiscoAclLogParser.Recognises(message.Message))
            return _cisco.Parse(message);
        if (LinuxLogLineParser.Recognises(message.Message))
            return _linux.Parse(message);
        return ParseOutcome.Fail(Unrecognised);
    }

    /// <summary>Header and body in one step, for a receiver that has only the raw line.</summary>
    public ParseOutcome Parse(string line, RouterClock clock)
    {
        var header = SyslogHeaderParser.Parse(line, clock);
        return header.Succeeded ? Parse(header.Message) : ParseOutcome.Fail(header.Error);
    }
}
