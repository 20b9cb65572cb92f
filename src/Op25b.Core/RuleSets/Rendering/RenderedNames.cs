namespace Op25b.Core.RuleSets.Rendering;

/// <summary>
/// The names a rendered rule set gives its deny rule, which the router then writes into every
/// log line of a blocked attempt: the ingest side matches on them (<see cref="Attempts.OwnLogNames"/>).
/// </summary>
public static class RenderedNames
{
    /// <summary>The Cisco ACL / Junos filter / IETF ACL name of one family: OP25B-V4 or OP25B-V6.</summary>
    public static string List(bool v6) => v6 ? "OP25B-V6" : "OP25B-V4";
}
