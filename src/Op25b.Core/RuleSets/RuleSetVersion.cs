namespace Op25b.Core.RuleSets;

/// <summary>
/// An immutable compiled rule set of one router group. <see cref="Content"/> is the canonical
/// text the <see cref="Hash"/> covers; renderings are derived from it on demand, so they can
/// never disagree with the hash.
/// </summary>
public sealed class RuleSetVersion
{
    public long Id { get; set; }
    public required string RouterGroup { get; set; }
    /// <summary>1, 2, 3… per router group.</summary>
    public int Number { get; set; }
    public required string Hash { get; set; }
    public required string Content { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Trigger { get; set; }
    public required string TriggeredBy { get; set; }
    public string? Warnings { get; set; }
}
