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
    /// <summary>Open and work abuse cases, probe mail servers.</summary>
    public static readonly string[] AbuseDesk = [Roles.AbuseDesk, Roles.Admin];
    /// <summary>Read offenders and cases: the desk, and auditors checking how signals were handled.</summary>
    public static readonly string[] AbuseReaders = [Roles.AbuseDesk, Roles.Auditor, Roles.Admin];
    /// <summary>The impact check answers a customer's question: the desk, and provisioning (the CRM's call-centre screens).</summary>
    public static readonly string[] ImpactCheckers = [Roles.AbuseDesk, Roles.Provisioning, Roles.Admin];
}
