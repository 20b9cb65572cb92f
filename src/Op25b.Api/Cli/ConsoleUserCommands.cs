using Op25b.Persistence.Access;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Cli;

/// <summary><c>user create|list|disable|password</c>: console accounts, made on the host so the first admin needs no console to exist.</summary>
internal static class ConsoleUserCommands
{
    public static async Task<int> CreateAsync(IServiceProvider sp, string[] args, TextReader? input, AuditActor actor, TextWriter output,
        CancellationToken ct)
    {
        if (await PasswordAsync(args, input, output, ct) is not var (password, generated))
            return 2;
        var user = await sp.GetRequiredService<ConsoleUserRegistry>().CreateAsync(
            HostCommands.Option(args, "--name") ?? "", HostCommands.Options(args, "--role"), password, actor, ct);
        await output.WriteLineAsync($"Created console user '{user.Name}' with roles {user.Roles}.");
        await ShowIfGeneratedAsync(password, generated, output);
        return 0;
    }

    public static async Task<int> SetPasswordAsync(IServiceProvider sp, string name, string[] args, TextReader? input, AuditActor actor,
        TextWriter output, CancellationToken ct)
    {
        if (await PasswordAsync(args, input, output, ct) is not var (password, generated))
            return 2;
        var user = await sp.GetRequiredService<ConsoleUserRegistry>().SetPasswordAsync(name, password, actor, ct);
        await output.WriteLineAsync($"Set a new password for console user '{user.Name}' and ended its sessions.");
        await ShowIfGeneratedAsync(password, generated, output);
        return 0;
    }

    /// <summary>A password on the command line would land in shell history and in `ps`; hence stdin or a generated one.</summary>
    private static async Task<(string Password, bool Generated)?> PasswordAsync(string[] args, TextReader? input, TextWriter output, CancellationToken ct)
    {
        if (!args.Contains("--password-stdin"))
            return (ConsoleUserRegistry.GeneratePassword(), true);
        if (input is null)
        {
            await output.WriteLineAsync("error: --password-stdin needs the password piped in.");
            return null;
        }
        return ((await input.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? "", false);
    }

    private static async Task ShowIfGeneratedAsync(string password, bool generated, TextWriter output)
    {
        if (!generated)
            return;
        await output.WriteLineAsync("Password (shown once; sign in at /ops/login):");
        await output.WriteLineAsync(password);
    }

    public static async Task<int> ListAsync(IServiceProvider sp, TextWriter output, CancellationToken ct)
    {
        foreach (var u in await sp.GetRequiredService<ConsoleUserRegistry>().ListAsync(ct))
            await output.WriteLineAsync($"{u.Name,-24} {u.Roles,-40} {(u.DisabledAt is null ? "active" : $"disabled {u.DisabledAt:O}")}");
        return 0;
    }

    public static async Task<int> DisableAsync(IServiceProvider sp, string name, string? reason, AuditActor actor, TextWriter output,
        CancellationToken ct)
    {
        var user = await sp.GetRequiredService<ConsoleUserRegistry>().DisableAsync(name, actor, reason, ct);
        await output.WriteLineAsync($"Disabled console user '{user.Name}'.");
        return 0;
    }
}
