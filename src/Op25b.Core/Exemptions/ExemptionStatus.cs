namespace Op25b.Core.Exemptions;

/// <summary>
/// requested → approved | rejected; approved → active when valid_from arrives;
/// active → expired at valid_until; approved/active → revoked at any time.
/// </summary>
public enum ExemptionStatus
{
    Requested,
    Approved,
    Active,
    Expired,
    Rejected,
    Revoked,
}
