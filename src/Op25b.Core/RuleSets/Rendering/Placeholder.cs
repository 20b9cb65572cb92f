using System.Net;

namespace Op25b.Core.RuleSets.Rendering;

/// <summary>
/// IOS-XE deletes an empty object group and refuses to empty one an ACL uses; IOS-XR and Junos
/// treat an empty referenced group differently by release and context. So a group with nothing
/// to list gets one TEST-NET host (RFC 5737 / RFC 3849) instead: never a subscriber, relay or
/// exempt address, so matching it changes nothing, and the ACL keeps the same shape whatever
/// the content (the last exemption going away must not need an ACL edit).
/// </summary>
internal static class Placeholder
{
    public static readonly IPNetwork V4 = new(IPAddress.Parse("192.0.2.255"), 32);
    public static readonly IPNetwork V6 = new(IPAddress.Parse("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"), 128);

    public const string Reason = "OP25B placeholder: a group in use cannot be empty";

    public static IPNetwork For(bool v6) => v6 ? V6 : V4;

    /// <summary>Entries a device holds for a group: its prefixes, or the one placeholder.</summary>
    public static int EntryCount(int prefixes) => Math.Max(1, prefixes);
}
