using Op25b.Core.Network;
using Op25b.Core.RuleSets;

namespace Op25b.Api.Features.Routers;

public sealed record LiveRuleSet(long RuleSetId, string Hash, DateTimeOffset Since);

public sealed record RouterResponse(
    string Name, string Platform, string RouterGroup, string ManagementHost, int ManagementPort, string SshUser,
    string CredentialRef, string HostKeySha256, int? AceBudget, bool Enabled, string DeployMode, int Version,
    LiveRuleSet? Live, DateTimeOffset? DriftCheckedAt, bool DriftDetected, string? DriftDetail,
    IReadOnlyList<string> SyslogSources, string LogTimeZone)
{
    public static RouterResponse From(Router r) => new(
        r.Name, r.Platform.Name(), r.RouterGroup, r.ManagementHost, r.ManagementPort, r.SshUser, r.CredentialRef,
        r.HostKeySha256, r.AceBudget, r.Enabled, r.Platform.IsPushed() ? "push" : "export", r.Version,
        r.LiveRuleSetVersionId is { } id ? new LiveRuleSet(id, r.LiveHash!, r.LiveSince!.Value) : null,
        r.DriftCheckedAt, r.DriftDetected, r.DriftDetail,
        [.. r.SyslogSources.Select(s => s.Address.ToString()).Order(StringComparer.Ordinal)], r.LogTimeZone ?? "UTC");
}
