namespace Op25b.Core.RuleSets;

/// <summary>
/// What happens to a blocked port-25 connection. A silent drop makes the client wait for a
/// timeout; a TCP reset fails at once, which is easier for customers to diagnose.
/// </summary>
public enum BlockAction
{
    Drop,
    RejectTcpReset,
}
