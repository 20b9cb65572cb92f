using Op25b.Core.Access;

namespace Op25b.Api.Auth;

/// <summary>The role sets endpoints admit, named for who they are. Admin is in every set.</summary>
public static class Allow
{
    public static readonly string[] Everyone = [.. Roles.All];
    public static readonly string[] Provisioning = [Roles.Provisioning, Roles.Admin];
    public static readonly string[] ExemptionRequesters = [Roles.Provisioning, Roles.AbuseDesk, Roles.Admin];
    public static readonly string[] ExemptionDeciders = [Roles.AbuseDesk, Roles.Admin];
    public static readonly string[] Auditors = [Roles.Auditor, Roles.Admin];
    public static readonly string[] NetworkAdmins = [Roles.NetworkAdmin, Roles.Admin];
    public static readonly string[] AttemptReaders = [Roles.AbuseDesk, Roles.NetworkAdmin, Roles.Auditor, Roles.Admin];
    public static readonly string[] AdminsOnly = [Roles.Admin];
}
