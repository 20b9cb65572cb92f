using Op25b.Core.RuleSets;

namespace Op25b.Core.Network;

/// <summary>The ISP-wide OP25B policy: one row. Changing it produces new rule set versions.</summary>
public sealed class PolicySettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public BlockAction Action { get; set; } = BlockAction.Drop;
    public bool Logging { get; set; } = true;
    public int NflogGroup { get; set; } = 1;
    public string LogPrefix { get; set; } = "OP25B-DROP ";
    public int LogRatePerSecond { get; set; } = 50;
    /// <summary>A version that removes more than this share of the exemptions live on a router is held for confirmation.</summary>
    public double MaxRemovedShare { get; set; } = 0.25;
    public int Version { get; set; } = 1;

    public BlockingPolicy ToPolicy() => new(Action, Logging, NflogGroup, LogPrefix, LogRatePerSecond);
}
