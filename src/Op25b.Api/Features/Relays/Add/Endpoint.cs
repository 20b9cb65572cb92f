using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Api.Rollout;
using Op25b.Core;
using Op25b.Core.Addressing;
using Op25b.Core.Network;
using Op25b.Persistence;
using Op25b.Persistence.Addressing;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.Relays.Add;

public sealed class Endpoint(AdminDbContext db, AuditTrail audit, TimeProvider clock, PolicyChangeSignal signal, AddressSpaceGuard guard) : Endpoint<Request, RelayResponse>
{
    public override void Configure()
    {
        Post("/relays");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Add one of the ISP's mail relays (reachable on port 25 from every pool)");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var prefix = AddressFields.Prefix(req.Prefix);
        await guard.RequireAsync(prefix, AddressUse.Relay, "prefix", ct);
        if (await db.MailRelays.AnyAsync(r => r.Prefix == prefix, ct))
            throw new DomainRuleViolation(ViolationKind.Conflict, "prefix", $"{prefix} is already a relay.");
        var relay = new MailRelay
        {
            Prefix = prefix, Family = AddressKey.FamilyOf(prefix.BaseAddress), Description = req.Description, CreatedAt = clock.GetUtcNow(),
        };
        db.MailRelays.Add(relay);
        audit.Record(Actor.Of(HttpContext), new AuditRecord("relay.added", "relay", () => relay.Id.ToString(), null, () => RelayResponse.From(relay)));
        await audit.SaveAsync(ct);
        signal.Notify($"relay {prefix} added", Actor.NameOf(User));
        await Send.ResponseAsync(RelayResponse.From(relay), 201, ct);
    }
}
