using Op25b.Core.Access;

namespace Op25b.OpsUi.Hosting;

/// <summary>Names of the console's cookie scheme and policies. The API keeps its own key scheme as the default.</summary>
public static class ConsoleAuth
{
    public const string Scheme = "ConsoleCookie";
    public const string CookieName = "op25b.console";

    /// <summary>Any signed-in console user: every page of the console.</summary>
    public const string Signedin = "console";
    /// <summary>Decide exemption requests (as the API's exemption deciders).</summary>
    public const string Deciders = "console-deciders";
    /// <summary>Deploy rule sets and release held ones (as the API's network admins).</summary>
    public const string NetworkAdmins = "console-network-admins";
    /// <summary>Offenders and abuse cases, read (as the API's abuse readers): the desk, auditors, admins.</summary>
    public const string AbuseReaders = "console-abuse-readers";
    /// <summary>The impact check (as the API's impact checkers): the desk, provisioning's call centre, admins.</summary>
    public const string ImpactCheckers = "console-impact-checkers";
    /// <summary>The job dashboard, which can trigger and delete jobs.</summary>
    public const string Admins = "console-admins";
    /// <summary>Request, download and verify exports (as the API's auditors).</summary>
    public const string Auditors = "console-auditors";

    public static readonly string[] DeciderRoles = [Roles.AbuseDesk, Roles.Admin];
    public static readonly string[] NetworkAdminRoles = [Roles.NetworkAdmin, Roles.Admin];
    public static readonly string[] AbuseReaderRoles = [Roles.AbuseDesk, Roles.Auditor, Roles.Admin];
    /// <summary>Open and work abuse cases, probe mail servers; an auditor reads the same pages without the buttons.</summary>
    public static readonly string[] AbuseDeskRoles = [Roles.AbuseDesk, Roles.Admin];
    public static readonly string[] ImpactCheckerRoles = [Roles.AbuseDesk, Roles.Provisioning, Roles.Admin];
    public static readonly string[] AuditorRoles = [Roles.Auditor, Roles.Admin];
}
