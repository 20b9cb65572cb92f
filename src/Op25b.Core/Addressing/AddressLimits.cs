namespace Op25b.Core.Addressing;

/// <summary>
/// The largest prefix (shortest length) an exemption or a relay may have. An exemption opens
/// port 25 for every address in it, so "10.0.0.0/8" or "3000::/4" is never what a desk operator
/// means: a business line holds a handful of IPv4 addresses and one delegated IPv6 prefix
/// (typically a /48 to /64). A relay is a few smart hosts, not a network.
/// </summary>
public sealed record AddressLimits
{
    public int LargestExemptionV4 { get; init; } = 24;
    public int LargestExemptionV6 { get; init; } = 48;
    public int LargestRelayV4 { get; init; } = 24;
    public int LargestRelayV6 { get; init; } = 48;

    public static AddressLimits Defaults { get; } = new();
}
