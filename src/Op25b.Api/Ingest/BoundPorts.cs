namespace Op25b.Api.Ingest;

/// <summary>The ports the listeners actually bound (configuration may say 0 = any free port).</summary>
public sealed class BoundPorts
{
    public int? SyslogUdp { get; set; }
    public int? SyslogTcp { get; set; }
    public int? UlogdTcp { get; set; }
}
