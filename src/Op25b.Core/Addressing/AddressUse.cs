namespace Op25b.Core.Addressing;

/// <summary>What a prefix is being recorded as; the address rules differ by use.</summary>
public enum AddressUse
{
    /// <summary>A block of the ISP's own address space.</summary>
    IspSpace,
    /// <summary>A subscriber's static address or delegated prefix.</summary>
    Assignment,
    /// <summary>A dynamic range where port 25 is blocked.</summary>
    Pool,
    /// <summary>A prefix an exemption lets send on port 25.</summary>
    Exemption,
    /// <summary>One of the ISP's mail relays, reachable on port 25 from every pool.</summary>
    Relay,
}
