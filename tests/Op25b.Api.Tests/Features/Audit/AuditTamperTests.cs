using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Op25b.Api.Cli;
using Op25b.Api.Tests.Infrastructure;
using Op25b.Core.Access;
using Op25b.Core.Audit;
using Op25b.Persistence;
using Op25b.Persistence.Access;
using Op25b.Persistence.Audit;

namespace Op25b.Api.Tests.Features.Audit;

/// <summary>
/// What someone who can write the database does to the audit trail, and what `audit verify` then
/// says. Every test tampers, so every test gets a host and a database of its own.
/// </summary>
public abstract class AuditTamperTests(Func<AdminApiFactory> newHost)
{
    [Fact]
    public async Task Deleting_the_last_entries_is_reported_naming_the_first_missing_entry_and_the_cli_exits_non_zero()
    {
        await using var api = newHost();
        var auditor = await api.ClientWithRolesAsync("auditor", Roles.Auditor);
        var head = await AppendEntriesAsync(api, 4);

        await api.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence > head - 2).ExecuteDeleteAsync());

        var result = await (await auditor.GetAsync("/api/v1/audit/verify")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(result["intact"]!.GetValue<bool>());
        Assert.Equal(head - 1, result["firstBrokenSequence"]!.GetValue<long>());
        Assert.Contains($"entries {head - 1}..{head} missing", result["reason"]!.GetValue<string>());
        var (exit, output) = await CliAsync(api, "audit", "verify");
        Assert.Equal(1, exit);
        Assert.Contains($"BROKEN at entry {head - 1}", output);
        Assert.Contains("the last entries were deleted", output);
    }

    [Fact]
    public async Task Deleting_entries_written_inside_a_serialized_write_is_reported_too()
    {
        // PUT /subscribers saves its audit entry inside a transaction the endpoint opened and
        // commits itself: the checkpoint must still be written, once that transaction commits.
        await using var api = newHost();
        var crm = await api.ClientWithRolesAsync("crm", Roles.Provisioning);
        await Provisioning.SubscriberAsync(crm);
        var head = await api.WithScopeAsync(sp => sp.GetRequiredService<AdminDbContext>().AuditEntries.MaxAsync(e => e.Sequence));
        Assert.Contains($"\t{head}\t", await File.ReadAllTextAsync(CheckpointFile(api)));

        await api.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence == head).ExecuteDeleteAsync());

        var (exit, output) = await CliAsync(api, "audit", "verify");
        Assert.Equal(1, exit);
        Assert.Contains($"BROKEN at entry {head}", output);
    }

    [Fact]
    public async Task An_entry_changed_and_resealed_with_plain_sha256_is_reported_naming_it()
    {
        await using var api = newHost();
        var head = await AppendEntriesAsync(api, 5);
        var victim = head - 2;

        // All an attacker without the key can do: re-hash the entry and every later one the old way.
        await ResealAsync(api, victim, (e, previous) => AuditChain.Seal(e, previous.Sequence, previous.Hash));

        var (exit, output) = await CliAsync(api, "audit", "verify");
        Assert.Equal(1, exit);
        Assert.Contains($"BROKEN at entry {victim}: sealed with plain SHA-256 after keyed entries", output);
    }

    [Fact]
    public async Task An_entry_changed_and_resealed_with_the_key_is_reported_through_the_checkpoint_above_it()
    {
        await using var api = newHost();
        var head = await AppendEntriesAsync(api, 5);
        var victim = head - 2;
        var key = api.Services.GetRequiredService<AuditKeyStore>().Keyring.Current;

        // Someone who also stole the key file re-seals the chain perfectly...
        await ResealAsync(api, victim, (e, previous) => AuditChain.Seal(e, previous.Sequence, previous.Hash, key));

        // ...but this host's checkpoints, outside the database, remember the seals they had.
        var (exit, output) = await CliAsync(api, "audit", "verify");
        Assert.Equal(1, exit);
        Assert.Contains($"BROKEN at entry {victim}: entry {victim} rewritten and re-sealed by someone holding the key", output);

        // With the checkpoint file gone too (host file access as well), nothing is left to tell: see the README's threat model.
        File.Move(CheckpointFile(api), CheckpointFile(api) + ".gone");
        Assert.Equal(0, (await CliAsync(api, "audit", "verify")).Exit);
    }

    [Fact]
    public async Task Key_rotation_keeps_entries_sealed_with_the_older_key_verifiable()
    {
        await using var api = newHost();
        await AppendEntriesAsync(api, 3);

        var (rotated, message) = await CliAsync(api, "audit", "rotate-key");
        Assert.Equal(0, rotated);
        await AppendEntriesAsync(api, 3);

        var keys = api.Services.GetRequiredService<AuditKeyStore>().Keyring;
        Assert.Equal(2, keys.Keys.Count);
        Assert.Contains(keys.Current.Id, message);
        Assert.Equal([keys.Keys[0].Id, keys.Keys[1].Id], await KeyIdsAsync(api));
        var (exit, output) = await CliAsync(api, "audit", "verify");
        Assert.Equal(0, exit);
        Assert.Contains("intact", output);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_key_file_is_created_on_first_run_for_its_owner_only_and_every_append_is_checkpointed_beside_it()
    {
        await using var api = newHost();
        var head = await AppendEntriesAsync(api, 2);

        var keyFile = Path.Combine(api.DataDirectory, "audit.key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CheckpointFile(api)));
        var checkpoints = File.ReadAllLines(CheckpointFile(api)).Select(AuditCheckpoint.Parse).ToList();
        Assert.True(checkpoints.Count >= 2);
        Assert.Equal(head, checkpoints[^1]!.Sequence);
        var keyring = api.Services.GetRequiredService<AuditKeyStore>().Keyring;
        Assert.All(checkpoints, c => Assert.True(c!.IsAuthentic(keyring)));
    }

    [Fact]
    public async Task A_key_given_as_a_configured_secret_seals_without_a_key_file_and_cannot_be_rotated_from_here()
    {
        var secret = AuditKey.Generate();
        await using var host = newHost();
        await using var api = host.WithWebHostBuilder(b => b.UseSetting("Audit:Key", Convert.ToBase64String(secret.Secret)));
        await AppendEntriesAsync(api, 1);

        Assert.False(File.Exists(Path.Combine(host.DataDirectory, "audit.key")));
        Assert.Equal([secret.Id], await KeyIdsAsync(api));
        Assert.Equal(0, (await CliAsync(api, "audit", "verify")).Exit);
        var (exit, output) = await CliAsync(api, "audit", "rotate-key");
        Assert.Equal(2, exit);
        Assert.Contains("Audit:PreviousKeys", output);
    }

    [Fact]
    public async Task Another_host_appending_to_the_same_database_is_not_a_truncation_and_its_own_checkpoints_catch_its_deleted_entries()
    {
        await using var hostA = newHost();
        await AppendEntriesAsync(hostA, 2);
        // Host B: same database and keyring, its checkpoint file on its own disk.
        var hostBFile = Path.Combine(hostA.DataDirectory, "host-b", "audit-checkpoints.host-b.log");
        await using var hostB = hostA.WithWebHostBuilder(b => b.UseSetting("Audit:HostId", "host-b")
            .UseSetting("Audit:KeyFile", Path.Combine(hostA.DataDirectory, "audit.key")).UseSetting("Audit:CheckpointFile", hostBFile));
        var head = await AppendEntriesAsync(hostB, 3);

        Assert.Equal(0, (await CliAsync(hostA, "audit", "verify")).Exit);
        Assert.Equal(0, (await CliAsync(hostB, "audit", "verify")).Exit);

        await hostA.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence == head).ExecuteDeleteAsync());

        // Host A never saw entry `head`; host B did, and a copy of B's file shows it anywhere...
        Assert.Equal(0, (await CliAsync(hostA, "audit", "verify")).Exit);
        Assert.Equal(1, (await CliAsync(hostB, "audit", "verify")).Exit);
        var fromA = await CliAsync(hostA, "audit", "verify", "--checkpoints", hostBFile);
        Assert.Equal(1, fromA.Exit);
        Assert.Contains($"BROKEN at entry {head}", fromA.Output);
        // ...as does a file beside A's own, as when hosts share one data directory.
        File.Copy(hostBFile, Path.Combine(hostA.DataDirectory, "audit-checkpoints.host-b.log"));
        Assert.Equal(1, (await CliAsync(hostA, "audit", "verify")).Exit);
    }

    [Fact]
    public async Task Entries_sealed_before_keyed_sealing_stay_verifiable_and_the_first_keyed_entry_vouches_for_them()
    {
        await using var api = newHost();
        // The trail as an older version left it: plain SHA-256 seals, seal_scheme 0, no key id.
        await api.WithDbAsync(async db =>
        {
            var (sequence, hash) = (0L, AuditChain.GenesisHash);
            for (var i = 1; i <= 3; i++)
            {
                var entry = new AuditEntry
                {
                    OccurredAt = AdminApiFactory.Start, Actor = "system", ActorRole = "system", Action = "apikey.created",
                    EntityType = "apikey", EntityId = $"legacy-{i}", PreviousHash = "", Hash = "",
                };
                AuditChain.Seal(entry, sequence, hash);
                (sequence, hash) = (entry.Sequence, entry.Hash);
                db.AuditEntries.Add(entry);
            }
            await db.SaveChangesAsync();
        });
        await AppendEntriesAsync(api, 2);

        Assert.Equal([null, api.Services.GetRequiredService<AuditKeyStore>().Keyring.Current.Id], await KeyIdsAsync(api));
        Assert.Equal(0, (await CliAsync(api, "audit", "verify")).Exit);

        await ResealAsync(api, 2, (e, previous) => AuditChain.Seal(e, previous.Sequence, previous.Hash), through: 3);
        var (exit, output) = await CliAsync(api, "audit", "verify");
        Assert.Equal(1, exit);
        Assert.Contains("BROKEN at entry 4: previous-hash does not match", output);
    }

    [Fact]
    public async Task A_checkpoint_line_cut_by_a_crash_is_skipped_but_an_edited_one_is_reported()
    {
        await using var api = newHost();
        var head = await AppendEntriesAsync(api, 3);
        var file = CheckpointFile(api);
        var lines = File.ReadAllLines(file);

        File.AppendAllText(file, lines[^1][..40] + "\n");
        var (exit, output) = await CliAsync(api, "audit", "verify");
        Assert.Equal(0, exit);
        Assert.Contains("1 checkpoint lines do not parse", output);

        // Moving the last checkpoint down to hide a deletion above it: without the key its MAC cannot follow.
        File.WriteAllLines(file, [.. lines[..^1], lines[^1].Replace($"\t{head}\t", $"\t{head - 1}\t")]);
        (exit, output) = await CliAsync(api, "audit", "verify");
        Assert.Equal(1, exit);
        Assert.Contains($"line {lines.Length} (entry {head - 1}) has no valid MAC", output);
    }

    /// <summary>Issues API keys, one audit entry and so one append batch each; returns the chain head.</summary>
    private static async Task<long> AppendEntriesAsync(WebApplicationFactory<Program> api, int count)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<ApiKeyRegistry>();
        for (var i = 0; i < count; i++)
            await registry.CreateAsync($"k-{Guid.NewGuid():N}"[..12], [Roles.Provisioning], AuditActor.System, CancellationToken.None);
        return await scope.ServiceProvider.GetRequiredService<AdminDbContext>().AuditEntries.MaxAsync(e => e.Sequence);
    }

    /// <summary>Changes entry <paramref name="victim"/> and re-seals it and every later entry (up to <paramref name="through"/>) with <paramref name="seal"/>, as a forger must.</summary>
    private static Task ResealAsync(AdminApiFactory api, long victim, Action<AuditEntry, AuditEntry> seal, long through = long.MaxValue) =>
        api.WithDbAsync(async db =>
        {
            var entries = await db.AuditEntries.Where(e => e.Sequence >= victim - 1 && e.Sequence <= through).OrderBy(e => e.Sequence).ToListAsync();
            entries[1].Reason = "nothing to see here";
            for (var i = 1; i < entries.Count; i++)
                seal(entries[i], entries[i - 1]);
            await db.SaveChangesAsync();
        });

    /// <summary>The keys that sealed the chain, in the order they were first used.</summary>
    private static async Task<List<string?>> KeyIdsAsync(WebApplicationFactory<Program> api)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var keyIds = await scope.ServiceProvider.GetRequiredService<AdminDbContext>().AuditEntries
            .OrderBy(e => e.Sequence).Select(e => e.KeyId).ToListAsync();
        return keyIds.Distinct().ToList();
    }

    private static string CheckpointFile(AdminApiFactory api) =>
        Path.Combine(api.DataDirectory, $"audit-checkpoints.{Environment.MachineName}.log");

    private static async Task<(int Exit, string Output)> CliAsync(WebApplicationFactory<Program> api, params string[] args)
    {
        var output = new StringWriter();
        var exit = await HostCommands.RunAsync(api.Services, args, output);
        return (exit, output.ToString());
    }
}

public sealed class AuditTamperTests_on_Sqlite() : AuditTamperTests(() => new SqliteApiFactory());

public sealed class AuditTamperTests_on_Postgres() : AuditTamperTests(() => new PostgresApiFactory());
