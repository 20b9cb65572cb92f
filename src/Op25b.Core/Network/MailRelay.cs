using System.Net;
using Op25b.Core.Addressing;

namespace Op25b.Core.Network;

/// <summary>One of the ISP's own mail servers: reachable on port 25 from every pool of every group.</summary>
public sealed class MailRelay
{
    public long Id { get; set; }
    public IPNetwork Prefix { get; set; }
    public IpFamily Family { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
