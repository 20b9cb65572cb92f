using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Op25b.Api.Auth;
using Op25b.Api.Rollout;
using Op25b.Core;
using Op25b.Persistence;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Features.Relays.Remove;

public sealed class Request
{
    public long Id { get; set; }
    public string? Reason { get; set; }
}

public sealed class Endpoint(AdminDbContext db, AuditTrail audit, PolicyChangeSignal signal) : Endpoint<Request, RelayResponse>
{
    public override void Configure()
    {
        Delete("/relays/{id:long}");
        Roles(Allow.NetworkAdmins);
        Summary(s => s.Summary = "Remove a mail relay");
    }

    public override async Task HandleAsync(Request req, CancellationToken ct)
    {
        var relay = await db.MailRelays.FirstOrDefaultAsync(r => r.Id == req.Id, ct)
            ?? throw new DomainRuleViolation(ViolationKind.NotFound, "id", $"No relay with id {req.Id}.");
        db.MailRelays.Remove(relay);
        audit.Record(Actor.Of(HttpContext), new AuditRecord("relay.removed", "relay", relay.Id.ToString(), RelayResponse.From(relay), null, req.Reason));
        await audit.SaveAsync(ct);
        signal.Notify($"relay {relay.Prefix} removed", Actor.NameOf(User));
        await Send.OkAsync(RelayResponse.From(relay), ct);
    }
}
