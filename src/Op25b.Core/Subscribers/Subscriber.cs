namespace Op25b.Core.Subscribers;

/// <summary>A customer line as the provisioning system knows it; <see cref="ExternalId"/> is its key there.</summary>
public sealed class Subscriber
{
    public long Id { get; set; }
    public required string ExternalId { get; set; }
    public required string DisplayName { get; set; }
    public required string ProductCode { get; set; }
    public SubscriberStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency: bumped on every change, exposed as the ETag.</summary>
    public int Version { get; set; }
    public List<AddressAssignment> Assignments { get; set; } = [];
}
