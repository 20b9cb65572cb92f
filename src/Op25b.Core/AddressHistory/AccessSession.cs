using System.Net;

namespace Op25b.Core.AddressHistory;

/// <summary>
/// A subscriber's dynamic session on a NAS: the framed IPv4 address and delegated IPv6 prefix it
/// held from <see cref="StartedAt"/> until <see cref="EndedAt"/> (open while null). Address keys
/// (see <see cref="Addressing.AddressKey"/>) make "who held X at T" a range query on both providers.
/// </summary>
public sealed class AccessSession
{
    public long Id { get; set; }
    public required string NasId { get; set; }
    public required string SessionId { get; set; }
    public long SubscriberId { get; set; }
    public IPAddress? FramedIp { get; set; }
    public string? FramedIpKey { get; set; }
    public IPNetwork? DelegatedPrefix { get; set; }
    public string? DelegatedFirst { get; set; }
    public string? DelegatedLast { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? LastUpdateAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>stop, accounting-on or accounting-off: how the end became known.</summary>
    public string? EndReason { get; set; }
}
