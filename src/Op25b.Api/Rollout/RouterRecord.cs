using Op25b.Core.Network;

namespace Op25b.Api.Rollout;

/// <summary>The one place that records what a router was verified to run (read back after a push, or confirmed applied externally).</summary>
public static class RouterRecord
{
    public static void Verified(Router router, long versionId, string hash, DateTimeOffset at)
    {
        router.LiveRuleSetVersionId = versionId;
        router.LiveHash = hash;
        router.LiveSince = at;
        router.StateUnknown = false;
        router.DriftDetected = false;
        router.DriftDetail = null;
        router.DriftCheckedAt = at;
    }
}
