using Microsoft.EntityFrameworkCore;
using Op25b.Core;
using Op25b.Persistence;
using Op25b.Persistence.Access;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Cli;

/// <summary>
/// Administrative commands run against the host's own configuration, without starting the web
/// server: <c>apikey create|list|revoke</c>, <c>user create|list|disable|password|end-sessions</c>, <c>audit verify|rotate-key</c>, <c>export verify</c>, <c>address-space check</c>, <c>migrate</c>.
/// </summary>
public static class HostCommands
{
    private static readonly string[] Verbs = ["apikey", "user", "audit", "export", "migrate", "address-space", "help"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    /// <summary>
    /// Separates configuration arguments (<c>--Database:Provider Postgres</c>,
    /// <c>--Database:ConnectionString=…</c>) from the command's own words, so a command honours the
    /// same configuration sources as the host: every setting has a section, so a key with a colon
    /// is configuration, and a command's own options (<c>--name</c>, <c>--role</c>) never have one.
    /// </summary>
    public static (string[] Command, string[] Configuration) SplitArguments(string[] args)
    {
        List<string> command = [], configuration = [];
        for (var i = 0; i < args.Length; i++)
        {
            var key = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..].Split('=', 2)[0] : "";
            if (!key.Contains(':'))
                command.Add(args[i]);
            else if (args[i].Contains('=') || i + 1 == args.Length)
                configuration.Add(args[i]);
            else
                configuration.AddRange([args[i], args[++i]]);
        }
        return ([.. command], [.. configuration]);
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct = default) =>
        await RunAsync(services, args, output, Console.IsInputRedirected ? Console.In : null, ct);

    /// <param name="input">Where <c>user create --password-stdin</c> reads the password; null when nothing is piped in.</param>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextReader? input, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var actor = new AuditActor($"cli:{Environment.UserName}", "admin", null);
        try
        {
            // Verifying an export needs only the two files: an auditor runs it without the database.
            if (args[0] is not ("help" or "export"))
                await sp.GetRequiredService<AdminDbContext>().Database.MigrateAsync(ct);
            switch (args)
            {
                case ["migrate"]:
                    await output.WriteLineAsync("Database is up to date.");
                    return 0;
                case ["apikey", "create", .. var rest]:
                    var name = Option(rest, "--name");
                    var roles = Options(rest, "--role");
                    var issued = await sp.GetRequiredService<ApiKeyRegistry>().CreateAsync(name ?? "", roles, actor, ct);
                    await output.WriteLineAsync($"Created key '{issued.Key.Name}' ({issued.Key.KeyId}) with roles {issued.Key.Roles}.");
                    await output.WriteLineAsync("Store it now; it is not shown again:");
                    await output.WriteLineAsync(issued.FullKey);
                    return 0;
                case ["apikey", "list"]:
                    foreach (var k in await sp.GetRequiredService<AdminDbContext>().ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct))
                        await output.WriteLineAsync($"{k.KeyId}  {k.Name,-24} {k.Roles,-40} {(k.RevokedAt is null ? "active" : $"revoked {k.RevokedAt:O}")}");
                    return 0;
                case ["apikey", "revoke", var key, .. var more]:
                    var revoked = await sp.GetRequiredService<ApiKeyRegistry>().RevokeAsync(key, actor, Option(more, "--reason"), ct);
                    await output.WriteLineAsync($"Revoked key '{revoked.Name}' ({revoked.KeyId}).");
                    return 0;
                case ["user", "create", .. var rest]:
                    return await ConsoleUserCommands.CreateAsync(sp, rest, input, actor, output, ct);
                case ["user", "list"]:
                    return await ConsoleUserCommands.ListAsync(sp, output, ct);
                case ["user", "disable", var user, .. var more]:
                    return await ConsoleUserCommands.DisableAsync(sp, user, Option(more, "--reason"), actor, output, ct);
                case ["user", "password", var user, .. var more]:
                    return await ConsoleUserCommands.SetPasswordAsync(sp, user, more, input, actor, output, ct);
                case ["user", "end-sessions", var user, .. var more]:
                    await sp.GetRequiredService<ConsoleUserRegistry>().EndSessionsAsync(user, actor, Option(more, "--reason") ?? "ended by an admin", ct);
                    await output.WriteLineAsync($"Ended every console session of '{user}'.");
                    return 0;
                case ["audit", "verify", .. var rest]:
                    return await AuditCommands.VerifyAsync(sp, rest, output, ct);
                case ["audit", "rotate-key"]:
                    return await AuditCommands.RotateKeyAsync(sp, actor, output, ct);
                case ["address-space", "check"]:
                    return await AddressSpaceCheckCommand.RunAsync(sp, output, ct);
                case ["export", "verify", var file, var manifest]:
                    return await ExportVerifyCommand.RunAsync(file, manifest, output, ct);
                default:
                    await output.WriteLineAsync(Usage);
                    return args[0] == "help" ? 0 : 2;
            }
        }
        catch (DomainRuleViolation v)
        {
            await output.WriteLineAsync($"error: {v.Field}: {v.Message}");
            return 2;
        }
    }

    private const string Usage = """
        usage:
          apikey create --name <name> --role <role> [--role <role> ...]
              roles: provisioning, abuse-desk, network-admin, auditor, admin
          apikey list
          apikey revoke <name|key-id> [--reason <text>]
          user create --name <name> --role <role> [--role <role> ...] [--password-stdin]
              without --password-stdin a random password is generated and printed once
          user list
          user disable <name> [--reason <text>]       (ends the user's console sessions at once)
          user password <name> [--password-stdin]     (sets a new password; ends the user's sessions)
          user end-sessions <name> [--reason <text>]
          audit verify [--checkpoints <other host's checkpoint file> ...]
              exit 1 names the first altered, re-sealed or missing entry
          audit rotate-key
              a new key seals from now on; older keys stay in the key file to verify older entries
          export verify <file> <manifest.json>
          address-space check
          migrate
        """;

    internal static string? Option(string[] args, string name) => Options(args, name).FirstOrDefault();

    internal static List<string> Options(string[] args, string name) =>
        args.Select((a, i) => (a, i)).Where(x => x.a == name && x.i + 1 < args.Length).Select(x => args[x.i + 1]).ToList();
}
