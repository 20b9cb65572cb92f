using Op25b.Core.Network;
using Op25b.Core.RuleSets;

namespace Op25b.Api.Features.Policy;

public sealed record PolicyResponse(BlockAction Action, bool Logging, int NflogGroup, string LogPrefix, int LogRatePerSecond, double MaxRemovedShare, int Version)
{
    public static PolicyResponse From(PolicySettings p) => new(p.Action, p.Logging, p.NflogGroup, p.LogPrefix, p.LogRatePerSecond, p.MaxRemovedShare, p.Version);
}
