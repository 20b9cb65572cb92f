using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Op25b.Core.Exemptions;
using Op25b.Core.Network;
using Op25b.Core.RuleSets;

namespace Op25b.Persistence.Deployments;

/// <summary>
/// Adds a <see cref="PolicyChangeRequest"/> to every save that changes what a rule set is compiled
/// from or which routers must run it. Done in the context itself, not by callers, so no writer —
/// an endpoint, a job, code not written yet — can commit a policy change without its request.
/// </summary>
internal static class PolicyChangeOutbox
{
    // Router columns a deployment writes (live version, drift) are not here: they must not cause a compile.
    private static readonly string[] RouterPlacement =
    [
        nameof(Router.Enabled), nameof(Router.RouterGroup), nameof(Router.Platform), nameof(Router.ManagementHost),
        nameof(Router.ManagementPort), nameof(Router.HostKeySha256), nameof(Router.AceBudget), nameof(Router.CredentialRef),
    ];

    private static readonly string[] ExemptionForce =
    [
        nameof(Exemption.Status), nameof(Exemption.ValidFrom), nameof(Exemption.ValidUntil), nameof(Exemption.DecidedAt),
        nameof(Exemption.RevokedAt),
    ];

    public static void Stage(ChangeTracker tracker)
    {
        if (tracker.Entries<PolicyChangeRequest>().Any(e => e.State == EntityState.Added))
            return;
        var reason = tracker.Entries().Select(Describe).FirstOrDefault(r => r is not null);
        if (reason is not null)
            tracker.Context.Set<PolicyChangeRequest>().Add(new PolicyChangeRequest { Reason = reason });
    }

    private static string? Describe(EntityEntry entry)
    {
        if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            return null;
        var affects = entry.Entity switch
        {
            SubscriberPool or MailRelay or PolicySettings or ExemptionPrefix => true,
            Exemption => entry.State != EntityState.Modified || Changed(entry, ExemptionForce),
            Router => entry.State != EntityState.Modified || Changed(entry, RouterPlacement),
            _ => false,
        };
        return affects ? $"{entry.Metadata.ClrType.Name} {entry.State.ToString().ToLowerInvariant()}" : null;
    }

    private static bool Changed(EntityEntry entry, string[] properties) =>
        properties.Any(p => entry.Property(p).IsModified);
}
