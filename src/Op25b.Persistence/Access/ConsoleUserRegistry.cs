using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Core.Access;
using Op25b.Persistence.Audit;

namespace Op25b.Persistence.Access;

/// <summary>Creates, lists and disables console users, audited; used by the host CLI.</summary>
public sealed class ConsoleUserRegistry(
    AdminDbContext db, AuditTrail audit, TimeProvider clock, IPasswordHasher<ConsoleUser> hasher, ConsoleSessions sessions)
{
    /// <summary>Long enough that guessing is hopeless even without the lockout.</summary>
    public const int MinimumPasswordLength = 12;

    public async Task<ConsoleUser> CreateAsync(string name, IReadOnlyCollection<string> roles, string password, AuditActor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100 || name.Any(char.IsWhiteSpace))
            throw new DomainRuleViolation(ViolationKind.Invalid, "name", "A user name of 1–100 characters without spaces is required.");
        Roles.RequireValid(roles);
        RequireStrong(password);
        if (await db.ConsoleUsers.AnyAsync(u => u.Name == name, ct))
            throw new DomainRuleViolation(ViolationKind.Conflict, "name", $"A console user named '{name}' exists.");

        var user = new ConsoleUser
        {
            Name = name, PasswordHash = "", Roles = string.Join(',', roles.Distinct()), CreatedAt = clock.GetUtcNow(), CreatedBy = actor.Name,
        };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.ConsoleUsers.Add(user);
        audit.Record(actor, new AuditRecord("consoleuser.created", "consoleuser", name, null, Describe(user)));
        await audit.SaveAsync(ct);
        return user;
    }

    public async Task<ConsoleUser> DisableAsync(string name, AuditActor actor, string? reason, CancellationToken ct)
    {
        var user = await ActiveAsync(name, ct);
        var before = Describe(user);
        user.DisabledAt = clock.GetUtcNow();
        audit.Record(actor, new AuditRecord("consoleuser.disabled", "consoleuser", name, before, Describe(user), reason));
        await sessions.EndAllOfAsync(user, actor, "user disabled", ct);
        await audit.SaveAsync(ct);
        return user;
    }

    /// <summary>Sets a new password and ends every session of the user: whoever knew the old one is out at once.</summary>
    public async Task<ConsoleUser> SetPasswordAsync(string name, string password, AuditActor actor, CancellationToken ct)
    {
        RequireStrong(password);
        var user = await ActiveAsync(name, ct);
        user.PasswordHash = hasher.HashPassword(user, password);
        audit.Record(actor, new AuditRecord("consoleuser.password-changed", "consoleuser", name, null, Describe(user)));
        await sessions.EndAllOfAsync(user, actor, "password changed", ct);
        await audit.SaveAsync(ct);
        return user;
    }

    /// <summary>An admin ends every open session of a user without disabling the account.</summary>
    public async Task EndSessionsAsync(string name, AuditActor actor, string reason, CancellationToken ct)
    {
        var user = await ActiveAsync(name, ct);
        await sessions.EndAllOfAsync(user, actor, reason, ct);
        await audit.SaveAsync(ct);
    }

    private async Task<ConsoleUser> ActiveAsync(string name, CancellationToken ct) =>
        await db.ConsoleUsers.FirstOrDefaultAsync(u => u.Name == name && u.DisabledAt == null, ct)
        ?? throw new DomainRuleViolation(ViolationKind.NotFound, "name", $"No active console user named '{name}'.");

    private static void RequireStrong(string password)
    {
        if (password.Length < MinimumPasswordLength)
            throw new DomainRuleViolation(ViolationKind.Invalid, "password", $"A password needs at least {MinimumPasswordLength} characters.");
    }

    public Task<List<ConsoleUser>> ListAsync(CancellationToken ct) => db.ConsoleUsers.AsNoTracking().OrderBy(u => u.Name).ToListAsync(ct);

    /// <summary>A random password for the CLI to print once: 18 random bytes, base64url (24 characters).</summary>
    public static string GeneratePassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    /// <summary>What the audit trail keeps of a user: never the password hash.</summary>
    public static object Describe(ConsoleUser u) => new { u.Name, u.Roles, u.CreatedAt, u.CreatedBy, u.DisabledAt, u.LockedUntil };
}
