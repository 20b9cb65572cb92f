using System.Net.Sockets;
using Op25b.Core.RuleSets;
using Op25b.Core.RuleSets.Rendering;

namespace Op25b.Core.Attempts;

/// <summary>
/// The names one router's deployed rule set rendered for its deny rule, per address family: the
/// only names whose log lines are OP25B drops. Other ACLs, filters and log prefixes on the same
/// router log too (management ACLs, VTY ACLs, other chains) and must not be counted.
/// </summary>
/// <param name="LinesNameTheList">
/// False for Junos: PFE_FW_SYSLOG_* lines do not say which filter logged them, so any
/// discarded TCP/25 line from the router is taken to be ours.
/// </param>
public sealed record OwnLogNames(IReadOnlySet<string> V4, IReadOnlySet<string> V6, bool LinesNameTheList = true)
{
    public static OwnLogNames For(Platform platform, BlockingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (platform == Platform.Nftables)
        {
            // One prefix for both families (table inet); the kernel logs it without the
            // surrounding spaces the parser trims.
            var prefix = new HashSet<string>(StringComparer.Ordinal) { policy.LogPrefix.Trim() };
            return new OwnLogNames(prefix, prefix);
        }
        return new OwnLogNames(
            new HashSet<string>(StringComparer.Ordinal) { RenderedNames.List(v6: false) },
            new HashSet<string>(StringComparer.Ordinal) { RenderedNames.List(v6: true) },
            LinesNameTheList: platform != Platform.Junos);
    }

    public bool Names(BlockedAttemptRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.ListName is null)
            return !LinesNameTheList;
        var names = record.Source.AddressFamily == AddressFamily.InterNetworkV6 ? V6 : V4;
        return names.Contains(record.ListName);
    }
}
