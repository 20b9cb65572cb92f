namespace Op25b.Core.RuleSets;

/// <summary>How the deny term behaves and logs; part of every rule set (and of its hash).</summary>
public sealed record BlockingPolicy(
    BlockAction Action = BlockAction.Drop,
    bool Logging = true,
    int NflogGroup = 1,
    string LogPrefix = "OP25B-DROP ",
    int LogRatePerSecond = 50)
{
    public static readonly BlockingPolicy Default = new();
}
