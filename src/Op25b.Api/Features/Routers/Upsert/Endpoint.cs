using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Api.Http;
using Op25b.Api.Ingest;
using Op25b.Api.Rollout;
using Op25b.Core;
using Op25b.Core.Network;
using Op25b.Core.RuleSets;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.Routers.Upsert;

/// <summary>Registers or updates a router. A new or re-grouped router gets its group's current rule set deployed.</summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock, PolicyChangeSignal signal, RouterDirectory routers) : Endpoint<Request, RouterResponse>
{
    public override void Configure()
    {
        Put("/routers/{name}");
        Roles(Allow.NetworkAdmins);
        Summary(s =>
        {
            s.Summary = "Register or update a router (pinned SSH host key required)";
            s.ExampleRequest = new Request
            {
                Name = "bng-tokyo-1", Platform = "nftables", RouterGroup = "tokyo", ManagementHost = "2001:db8:ff00::11",
                SshUser = "op25b", CredentialRef = "file:/etc/op25b/keys/bng-tokyo-1", HostKeySha256 = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
            };
        });
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        Platforms.TryParse(req.Platform, out var platform);
        HostKeyFingerprint.TryNormalize(req.HostKeySha256, out var fingerprint);
        var now = clock.GetUtcNow();
        var router = await db.Routers.Include(r => r.SyslogSources).FirstOrDefaultAsync(r => r.Name == req.Name, ct);
        var created = router is null;
        var before = router is null ? null : RouterResponse.From(router);
        if (router is null)
        {
            router = new Router
            {
                Name = req.Name, RouterGroup = req.RouterGroup, ManagementHost = req.ManagementHost, SshUser = req.SshUser,
                CredentialRef = req.CredentialRef, HostKeySha256 = fingerprint, CreatedAt = now, Version = 0,
            };
            db.Routers.Add(router);
        }
        else
        {
            ETags.RequireMatch(HttpContext, router.Version);
        }

        var regrouped = router.RouterGroup != req.RouterGroup;
        router.Platform = platform;
        router.RouterGroup = req.RouterGroup;
        router.ManagementHost = req.ManagementHost;
        router.ManagementPort = req.ManagementPort;
        router.SshUser = req.SshUser;
        router.CredentialRef = req.CredentialRef;
        router.HostKeySha256 = fingerprint;
        router.AceBudget = req.AceBudget;
        router.Enabled = req.Enabled;
        if (req.LogTimeZone is not null)
            router.LogTimeZone = LogZone.TryFind(req.LogTimeZone, out var zone) && zone != TimeZoneInfo.Utc ? zone.Id : null;
        if (req.SyslogSources is not null)
            await ReplaceSyslogSourcesAsync(router, req.SyslogSources, ct);
        router.UpdatedAt = now;
        router.Version++;
        audit.Record(Actor.Of(HttpContext), new AuditRecord(created ? "router.registered" : "router.updated", "router", req.Name,
            before, RouterResponse.From(router)));
        await audit.SaveAsync(ct);
        routers.Changed();

        if (created || regrouped)
            signal.Notify($"router {req.Name} {(created ? "registered" : "moved to group " + req.RouterGroup)}", Actor.NameOf(User));
        ETags.Set(HttpContext, router.Version);
        await Send.ResponseAsync(RouterResponse.From(router), created ? 201 : 200, ct);
    }

    /// <summary>The unique key on the address decides races; this check only names the other router.</summary>
    private async Task ReplaceSyslogSourcesAsync(Router router, IEnumerable<string> sources, CancellationToken ct)
    {
        var wanted = sources.Select(s => SyslogSourceAddress.TryParse(s, out var a) ? a : throw new InvalidOperationException("validated"))
            .Distinct().ToList();
        var clash = await db.RouterSyslogSources.AsNoTracking()
            .Where(s => wanted.Contains(s.Address) && s.RouterId != router.Id)
            .Join(db.Routers, s => s.RouterId, r => r.Id, (s, r) => new { s.Address, r.Name })
            .FirstOrDefaultAsync(ct);
        if (clash is not null)
            throw new DomainRuleViolation(ViolationKind.Conflict, "syslogSources",
                $"{clash.Address} is already the syslog source of router '{clash.Name}'.");
        router.SyslogSources.RemoveAll(s => !wanted.Contains(s.Address));
        foreach (var address in wanted.Where(a => router.SyslogSources.All(s => !s.Address.Equals(a))))
            router.SyslogSources.Add(new RouterSyslogSource { Address = address });
    }
}
