namespace Op25b.Core.Impact;

public enum ImpactVerdict
{
    NotAffected,
    Affected,
}
