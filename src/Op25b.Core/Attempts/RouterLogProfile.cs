namespace Op25b.Core.Attempts;

/// <summary>What the receiver knows of the router a line came from (found by its source address).</summary>
/// <param name="Zone">The zone the router logs local times in; UTC unless configured.</param>
public sealed record RouterLogProfile(string Name, TimeZoneInfo Zone, OwnLogNames Names);
