using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Api.Http;
using Op25b.Api.Rollout;
using Op25b.Core.Network;
using Op25b.Core.RuleSets;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.Routers.Upsert;

/// <summary>Registers or updates a router. A new or re-grouped router gets its group's current rule set deployed.</summary>
public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock, PolicyChangeSignal signal) : Endpoint<Request, RouterResponse>
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
        var router = await db.Routers.FirstOrDefaultAsync(r => r.Name == req.Name, ct);
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
        router.UpdatedAt = now;
        router.Version++;
        audit.Record(Actor.Of(HttpContext), new AuditRecord(created ? "router.registered" : "router.updated", "router", req.Name,
            before, RouterResponse.From(router)));
        await audit.SaveAsync(ct);

        if (created || regrouped)
            signal.Notify($"router {req.Name} {(created ? "registered" : "moved to group " + req.RouterGroup)}", Actor.NameOf(User));
        ETags.Set(HttpContext, router.Version);
        await Send.ResponseAsync(RouterResponse.From(router), created ? 201 : 200, ct);
    }
}
