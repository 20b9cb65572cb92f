using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Core.Access;
using Op25b.Persistence.Audit;

namespace Op25b.Persistence.Access;

public sealed record ActiveConsoleSession(long Id, string UserName, DateTimeOffset StartedAt, DateTimeOffset LastSeenAt, string? ClientAddress, string? UserAgent);

/// <summary>Starts, checks, lists and ends console sessions; every start and end is audited.</summary>
public sealed class ConsoleSessions(AdminDbContext db, AuditTrail audit, TimeProvider clock, ConsoleSessionPolicy policy, ConsoleSessionCache cache)
{
    /// <summary>Last-seen times are written at most this often per session: enough for the idle limit, cheap for the database.</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    /// <summary>Records a sign-in and returns the handle for the cookie (32 random bytes; only its hash is stored).</summary>
    public async Task<string> StartAsync(ConsoleUser user, string? clientAddress, string? userAgent, string? requestId, CancellationToken ct)
    {
        var handle = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var session = new ConsoleSession
        {
            HandleHash = Hash(handle), UserId = user.Id, StartedAt = now, LastSeenAt = now,
            ClientAddress = clientAddress, UserAgent = userAgent is { Length: > 200 } ua ? ua[..200] : userAgent,
        };
        db.ConsoleSessions.Add(session);
        audit.Record(new AuditActor(user.ActorName, "none", requestId), new AuditRecord("consolesession.started", "consolesession",
            () => session.Id.ToString(), null, new { user = user.Name, session.ClientAddress, session.UserAgent }));
        await audit.SaveAsync(ct);
        return handle;
    }

    /// <summary>Whether the handle belongs to a session that is neither ended nor idle too long, of a user who is not disabled.</summary>
    public async Task<bool> IsActiveAsync(string handle, CancellationToken ct)
    {
        var hash = Hash(handle);
        if (cache.IsKnownActive(hash))
            return true;
        var now = clock.GetUtcNow();
        var session = await db.ConsoleSessions.Include(s => s.User).FirstOrDefaultAsync(s => s.HandleHash == hash, ct);
        if (session is null || !session.IsActiveAt(now, policy.Idle) || session.User!.DisabledAt is not null)
            return false;
        if (now - session.LastSeenAt >= TouchEvery)
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync(ct);
        }
        cache.RememberActive(hash);
        return true;
    }

    /// <summary>Sign-out: ends the session the handle names, if it is still open.</summary>
    public async Task EndAsync(string handle, AuditActor actor, string reason, CancellationToken ct)
    {
        var hash = Hash(handle);
        var session = await db.ConsoleSessions.FirstOrDefaultAsync(s => s.HandleHash == hash && s.EndedAt == null, ct);
        if (session is null)
            return;
        End(session, actor, reason);
        await audit.SaveAsync(ct);
    }

    /// <summary>An admin ends one session from the console.</summary>
    public async Task EndByIdAsync(long id, AuditActor actor, string reason, CancellationToken ct)
    {
        var session = await db.ConsoleSessions.FirstOrDefaultAsync(s => s.Id == id && s.EndedAt == null, ct)
            ?? throw new DomainRuleViolation(ViolationKind.NotFound, "id", $"No open console session #{id}.");
        End(session, actor, reason);
        await audit.SaveAsync(ct);
    }

    /// <summary>
    /// Marks every open session of the user ended and records it; the caller saves through the
    /// audit trail, so the sessions end in the same transaction as the change that ends them.
    /// </summary>
    public async Task EndAllOfAsync(ConsoleUser user, AuditActor actor, string reason, CancellationToken ct)
    {
        foreach (var session in await db.ConsoleSessions.Where(s => s.UserId == user.Id && s.EndedAt == null).ToListAsync(ct))
            End(session, actor, reason);
    }

    public async Task<List<ActiveConsoleSession>> ListActiveAsync(CancellationToken ct)
    {
        var idleSince = clock.GetUtcNow() - policy.Idle;
        return await db.ConsoleSessions.AsNoTracking()
            .Where(s => s.EndedAt == null && s.LastSeenAt > idleSince && s.User!.DisabledAt == null)
            .OrderBy(s => s.User!.Name).ThenByDescending(s => s.LastSeenAt)
            .Select(s => new ActiveConsoleSession(s.Id, s.User!.Name, s.StartedAt, s.LastSeenAt, s.ClientAddress, s.UserAgent))
            .ToListAsync(ct);
    }

    private void End(ConsoleSession session, AuditActor actor, string reason)
    {
        session.End(clock.GetUtcNow(), actor.Name, reason);
        audit.Record(actor, new AuditRecord("consolesession.ended", "consolesession", session.Id.ToString(),
            new { session.UserId, session.StartedAt }, new { session.UserId, session.EndedAt }, reason));
        cache.ForgetAll();
    }

    private static string Hash(string handle) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(handle)));
}
