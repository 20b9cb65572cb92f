namespace Op25b.Core.Addressing;

/// <summary>IP version of an address or prefix; stored as 4 or 6.</summary>
public enum IpFamily
{
    V4 = 4,
    V6 = 6,
}
