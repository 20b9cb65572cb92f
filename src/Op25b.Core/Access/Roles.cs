namespace Op25b.Core.Access;

/// <summary>The roles an API key or console user can hold. Every endpoint names the ones it admits.</summary>
public static class Roles
{
    public const string Provisioning = "provisioning";
    public const string AbuseDesk = "abuse-desk";
    public const string NetworkAdmin = "network-admin";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Provisioning, AbuseDesk, NetworkAdmin, Auditor, Admin];

    public static bool IsKnown(string role) => All.Contains(role);

    /// <summary>Refuses an empty role list or an unknown role, naming the roles there are.</summary>
    public static void RequireValid(IReadOnlyCollection<string> roles)
    {
        if (roles.Count == 0)
            throw new DomainRuleViolation(ViolationKind.Invalid, "roles", $"At least one role is required: {string.Join(", ", All)}.");
        if (roles.FirstOrDefault(r => !IsKnown(r)) is { } unknown)
            throw new DomainRuleViolation(ViolationKind.Invalid, "roles", $"Unknown role '{unknown}'; roles are {string.Join(", ", All)}.");
    }
}
