namespace Op25b.Core.Subscribers;

/// <summary>
/// A service product a subscriber line is sold as. Whether a product may hold an OP25B
/// exemption is a property of the product (ISPs grant them to static-IP / business lines),
/// not a decision made per request.
/// </summary>
public sealed class Product
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>Lines of this product sit in blocked (dynamic) pools.</summary>
    public bool InBlockingScope { get; set; }
    public bool ExemptionEligible { get; set; }
}
